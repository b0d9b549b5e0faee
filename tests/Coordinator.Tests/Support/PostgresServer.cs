using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Daft.Coordinator.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server of the test run's own: <c>initdb</c> into a temp folder, listening on 127.0.0.1 on a
/// free port (its Unix socket in that folder too), trust authentication for the superuser <c>daft</c> (or a password,
/// when one is given), stopped with
/// <c>pg_ctl stop -m immediate</c> and deleted on dispose. It never touches a system cluster, so the tests do not depend
/// on whether the machine's own PostgreSQL is running. PostgreSQL refuses to run as root; when the tests do (CI), the
/// server's commands run as the <c>postgres</c> user (else <c>nobody</c>) through <c>runuser</c> (else <c>su</c>), and
/// the folder is handed to that user. <c>fsync</c> is off: a killed server still keeps every committed transaction
/// (the kernel has the WAL), only a machine crash could lose some, which no test causes.
/// <see cref="Kill"/> and <see cref="Start"/> let a test take the server away and bring it back on the same port.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The superuser initdb creates; trust authentication unless the server was created with a password.</summary>
    public const string User = "daft";

    /// <summary>Names a folder with initdb, pg_ctl and postgres, before PATH and /usr/lib/postgresql are searched.</summary>
    public const string BinVariable = "DAFT_TEST_PG_BIN";

    private static readonly Lazy<string?> Bin = new(PostgresBinaries.Find);
    private static int _databases;

    private readonly string _root;
    private readonly string _data;
    private readonly string? _runAs;
    private readonly string? _password;

    /// <summary>Creates and starts the server: trust authentication, or <paramref name="password"/> (SCRAM) when given.</summary>
    /// <exception cref="InvalidOperationException">The binaries are missing (<see cref="MissingReason"/>) or the server did not start.</exception>
    public PostgresServer(string? password = null)
    {
        _password = password;
        if (MissingReason is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        _runAs = Environment.IsPrivilegedProcess ? PostgresBinaries.UnprivilegedUser() : null;
        _root = Directory.CreateTempSubdirectory("daft-pg-").FullName;
        _data = Path.Combine(_root, "data");
        try
        {
            if (_runAs is not null)
            {
                PostgresBinaries.Run(_root, null, "chown", _runAs, _root);
            }

            if (password is null)
            {
                Pg("initdb", "-D", _data, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            }
            else
            {
                var passwordFile = Path.Combine(_root, "password");
                File.WriteAllText(passwordFile, password);
                Pg("initdb", "-D", _data, "-U", User, "-A", "scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-sync");
                File.Delete(passwordFile);
            }

            // Another process may take the free port before the server binds it; then try another.
            for (var attempt = 1; ; attempt++)
            {
                Port = FreePort();
                try
                {
                    Start();
                    break;
                }
                catch (InvalidOperationException) when (attempt < 3 && Log().Contains("could not bind", StringComparison.Ordinal))
                {
                }
            }
        }
        catch
        {
            Directory.Delete(_root, recursive: true);
            throw;
        }
    }

    /// <summary>Why no server can be started here (a sentence saying how to install PostgreSQL), or null when one can.</summary>
    public static string? MissingReason => Bin.Value is null
        ? "PostgreSQL is not installed: initdb, pg_ctl and postgres are on neither PATH nor /usr/lib/postgresql/*/bin " +
          $"(nor ${BinVariable}). Install it to run the PostgreSQL tests: apt-get install postgresql (Debian/Ubuntu), " +
          "dnf install postgresql-server (Fedora), brew install postgresql (macOS)."
        : null;

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Whether the server is up (false between <see cref="Kill"/> and <see cref="Start"/>).</summary>
    public bool Running { get; private set; }

    /// <summary>A connection string for <paramref name="database"/> (default <c>postgres</c>, which always exists).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = _password,
        Database = database,
        // Tests open many short-lived pools; a dead server must fail a test quickly rather than hang it.
        Timeout = 10,
    }.ConnectionString;

    /// <summary>Creates a new, empty database and returns its connection string: one per test keeps tests independent.</summary>
    public string CreateDatabase(string? name = null)
    {
        name ??= $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    /// <summary>Starts the server on its port and waits until it accepts connections.</summary>
    public void Start()
    {
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1", $"-c port={Port}", $"-c unix_socket_directories={_root}", "-c fsync=off",
            "-c full_page_writes=off", "-c max_connections=200");
        Pg("pg_ctl", "start", "-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-s", "-o", options);
        Running = true;
    }

    /// <summary>Stops the server the way a crash would (<c>pg_ctl stop -m immediate</c>): no checkpoint, open connections cut.</summary>
    public void Kill()
    {
        NpgsqlConnection.ClearAllPools();
        Pg("pg_ctl", "stop", "-D", _data, "-m", "immediate", "-w", "-t", "60", "-s");
        Running = false;
    }

    /// <summary>The server's log so far, for a failing test's message.</summary>
    public string Log()
    {
        var path = Path.Combine(_root, "server.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public void Dispose()
    {
        try
        {
            if (Running)
            {
                Kill();
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void Pg(string tool, params string[] arguments) =>
        PostgresBinaries.Run(_root, _runAs, Path.Combine(Bin.Value!, tool), arguments);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
