using System.Diagnostics;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// How to start <c>daft-node</c> as a child: the program and the arguments before the verb. The node re-runs its own
/// build, so a job's child is always the node's version (no PATH lookup, no skew between node and job).
/// </summary>
/// <param name="FileName">The apphost (<c>daft-node</c>) or a .NET host (<c>dotnet</c>).</param>
/// <param name="LeadingArguments">Empty for the apphost; <c>daft-node.dll</c>'s path for a .NET host.</param>
public sealed record NodeCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>
    /// The running node's own command: the apphost when this process is it, the same .NET host and daft-node.dll when
    /// it runs as <c>dotnet daft-node.dll</c>; in any other process (a test host) the daft-node next to this assembly:
    /// its apphost where built, else the current .NET host (or <c>dotnet</c>) with the dll.
    /// </summary>
    public static NodeCommand Current()
    {
        var dll = typeof(NodeCommand).Assembly.Location;
        var folder = Path.GetDirectoryName(dll) ?? AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "daft-node.exe" : "daft-node");
        var process = Environment.ProcessPath;
        var processName = process is null ? "" : Path.GetFileNameWithoutExtension(process);
        if (process is not null && processName == "daft-node")
            return new(process, []);
        if (process is not null && processName == "dotnet")
            return new(process, [dll]);
        if (File.Exists(apphost))
            return new(apphost, []);
        return new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [dll]);
    }

    /// <summary>A start for <paramref name="arguments"/> with stdout and stderr captured and no shell.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        foreach (var argument in LeadingArguments.Concat(arguments))
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>The command line as a shell would show it, for the attempt's log.</summary>
    public string Describe(IEnumerable<string> arguments) =>
        string.Join(' ', new[] { FileName }.Concat(LeadingArguments).Concat(arguments).Select(a => a.Contains(' ') ? $"'{a}'" : a));
}
