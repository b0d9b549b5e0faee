namespace Daft.Shared.Data;

/// <summary>
/// Where the farm keeps its state on a machine: the SQLite ledger (<c>daft.db</c>, unless <c>$DAFT_DB</c> or
/// <c>--db</c> names another database) and each job's folder (<c>jobs/&lt;job id&gt;/</c>: result.json,
/// model.safetensors, the LP head, job.log). A command's <c>--home</c> wins, then <c>$DAFT_HOME</c>, then
/// <c>~/.local/share/daft</c>. Nodes and coordinator of one cluster share it (a volume in Kubernetes) so that an LP-FT
/// job finds the head its LP job wrote.
/// </summary>
public static class FarmHome
{
    /// <summary>Environment variable naming the farm home.</summary>
    public const string Variable = "DAFT_HOME";

    /// <summary>Environment variable naming the ledger database (see the ledger's connection forms).</summary>
    public const string DatabaseVariable = "DAFT_DB";

    /// <summary>The default farm home: <c>~/.local/share/daft</c>.</summary>
    public static string Default =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "daft");

    /// <summary><paramref name="configured"/> when given, else <c>$DAFT_HOME</c>, else <see cref="Default"/>; made absolute.</summary>
    public static string Resolve(string? configured = null)
    {
        if (string.IsNullOrEmpty(configured))
        {
            configured = Environment.GetEnvironmentVariable(Variable);
        }

        return Path.GetFullPath(string.IsNullOrEmpty(configured) ? Default : configured);
    }

    /// <summary>The folder of one job's files under <paramref name="home"/>.</summary>
    public static string JobDirectory(string home, string jobId) => Path.Combine(home, "jobs", jobId);
}
