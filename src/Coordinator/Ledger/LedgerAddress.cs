using Daft.Shared.Data;
using Npgsql;

namespace Daft.Coordinator.Ledger;

/// <summary>Which database a <c>--db</c> / <c>$DAFT_DB</c> value names.</summary>
internal enum LedgerBackend
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A parsed database name: the backend, what it opens with (an absolute file path, or an Npgsql connection string)
/// and the <see cref="IJobLedger.Description"/> it will have (never a password).
/// </summary>
internal sealed record LedgerAddress(LedgerBackend Backend, string Target, string Description)
{
    /// <summary>The forms <see cref="Parse(string)"/> accepts, for help texts and errors.</summary>
    public const string Forms =
        "sqlite:PATH (or sqlite:///ABSOLUTE/PATH), a file path ending in .db, .sqlite or .sqlite3, " +
        "postgres://USER:PASSWORD@HOST:PORT/DATABASE (or postgresql://…, with ?sslmode=… and other libpq options), " +
        "or an Npgsql connection string (Host=…;Username=…;Password=…;Database=…)";

    /// <summary>
    /// Environment variable naming a file that holds the PostgreSQL password, for a database named without one (a
    /// Kubernetes Secret mounted as a file keeps the password out of <c>$DAFT_DB</c>, the pod spec and the process list).
    /// </summary>
    public const string PasswordFileVariable = "DAFT_DB_PASSWORD_FILE";

    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3"];

    // libpq's URL options and the Npgsql keyword each means; any other name is passed to Npgsql as it is.
    private static readonly Dictionary<string, string> UrlOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["options"] = "Options",
    };

    /// <summary>
    /// <paramref name="database"/> when given, else <c>$DAFT_DB</c>, else <c>sqlite:&lt;farm home&gt;/daft.db</c>
    /// (<see cref="FarmHome.Resolve"/> of <paramref name="home"/>).
    /// </summary>
    public static LedgerAddress Resolve(string? database, string? home)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            database = Environment.GetEnvironmentVariable(FarmHome.DatabaseVariable);
        }

        return string.IsNullOrWhiteSpace(database)
            ? Sqlite(Path.Combine(FarmHome.Resolve(home), "daft.db"))
            : Parse(database);
    }

    /// <summary>Reads one of the <see cref="Forms"/>; a PostgreSQL one without a password takes <c>$DAFT_DB_PASSWORD_FILE</c>'s.</summary>
    /// <exception cref="ArgumentException">It is none of them, or a malformed one.</exception>
    public static LedgerAddress Parse(string database) => Parse(database, Environment.GetEnvironmentVariable(PasswordFileVariable));

    /// <summary>
    /// Reads one of the <see cref="Forms"/>. A PostgreSQL database named without a password gets the content of
    /// <paramref name="passwordFile"/> (when given) as its password, less a trailing newline; one named with a password
    /// keeps it.
    /// </summary>
    /// <exception cref="ArgumentException">It is none of the forms, a malformed one, or the password file cannot be read or is empty.</exception>
    public static LedgerAddress Parse(string database, string? passwordFile)
    {
        var text = database.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            // sqlite:///abs/path is the URL spelling of sqlite:/abs/path.
            return Sqlite(path.StartsWith("///", StringComparison.Ordinal) ? path[2..] : path);
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(WithPasswordFile(FromUrl(text), passwordFile));
        }

        // "Keyword=value…" (a path such as /data/a=b.db does not start with a keyword).
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0 && text[..equals].All(c => char.IsAsciiLetter(c) || c == ' '))
        {
            return Postgres(WithPasswordFile(FromConnectionString(text), passwordFile));
        }

        if (SqliteExtensions.Any(extension => text.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
        {
            return Sqlite(text);
        }

        throw new ArgumentException($"'{database}' names no ledger database. Use one of: {Forms}.", nameof(database));
    }

    private static LedgerAddress Sqlite(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"sqlite: needs a file path. Use one of: {Forms}.", nameof(path));
        }

        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        var full = Path.GetFullPath(path);
        return new LedgerAddress(LedgerBackend.Sqlite, full, "sqlite:" + full);
    }

    private static LedgerAddress Postgres(NpgsqlConnectionStringBuilder builder) =>
        new(LedgerBackend.Postgres, builder.ConnectionString, PostgresDialect.Describe(builder));

    private static NpgsqlConnectionStringBuilder WithPasswordFile(NpgsqlConnectionStringBuilder builder, string? passwordFile)
    {
        if (string.IsNullOrWhiteSpace(passwordFile) || !string.IsNullOrEmpty(builder.Password))
        {
            return builder;
        }

        string password;
        try
        {
            // Only the line ending goes: `echo secret > file` and kubectl's --from-file keep what the operator typed.
            password = File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"${PasswordFileVariable} {passwordFile}: {error.Message}", nameof(passwordFile), error);
        }

        if (password.Length == 0)
        {
            throw new ArgumentException($"${PasswordFileVariable} {passwordFile} is empty", nameof(passwordFile));
        }

        builder.Password = password;
        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException(
                $"'{Redact(url)}' is not a PostgreSQL URL: expected postgres://USER:PASSWORD@HOST:PORT/DATABASE.", nameof(url));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.IdnHost };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var option in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? option : option[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(option[(equals + 1)..].Replace('+', ' '));
            try
            {
                builder[UrlOptions.GetValueOrDefault(name, name)] = value;
            }
            catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"PostgreSQL URL option '{name}={value}': {error.Message}", nameof(url), error);
            }
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromConnectionString(string text)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
        {
            throw new ArgumentException($"Not an Npgsql connection string ({error.Message}). Use one of: {Forms}.", nameof(text), error);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException($"The connection string names no Host. Use one of: {Forms}.", nameof(text));
        }

        return builder;
    }

    // For error messages: the URL with its password replaced.
    private static string Redact(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var colon = scheme < 0 || at < 0 ? -1 : url.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
