namespace Daft.Shared.Data;

/// <summary>
/// Where datasets live on a machine: <c>daft data fetch</c> writes there and jobs read from there. A job's
/// <c>data_root</c> (or a command's <c>--data-root</c>) wins, then <c>$DAFT_DATA</c>, then <c>~/.cache/daft</c>.
/// </summary>
public static class DataRoot
{
    /// <summary>Environment variable naming the data root.</summary>
    public const string Variable = "DAFT_DATA";

    /// <summary>The default data root under the user's home: <c>~/.cache/daft</c>.</summary>
    public static string Default =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "daft");

    /// <summary>
    /// <paramref name="configured"/> when given, else <c>$DAFT_DATA</c>, else <see cref="Default"/>. A relative
    /// result is relative to the current directory.
    /// </summary>
    public static string Resolve(string? configured = null)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrEmpty(fromEnvironment) ? Default : fromEnvironment;
    }
}
