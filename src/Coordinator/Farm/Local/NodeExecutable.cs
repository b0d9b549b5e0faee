namespace Daft.Coordinator.Farm.Local;

/// <summary>
/// Finds the <c>daft-node</c> program for local mode: <c>$DAFT_NODE</c> (an executable or a .dll), else next to
/// <c>daft</c> (a combined publish), else the GpuNode build output of the checkout <c>daft</c> runs from (same
/// configuration). The coordinator has no TorchSharp, so training always happens in a <c>daft-node</c> process.
/// </summary>
public static class NodeExecutable
{
    public const string Variable = "DAFT_NODE";

    /// <summary>The command and leading arguments that start daft-node ("dotnet" + "x.dll" for a .dll).</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) Find()
    {
        var path = Locate() ?? throw new FileNotFoundException(
            $"daft run needs the daft-node program and found none: build it (`dotnet build src/GpuNode -c Release`, which " +
            $"scripts/quickstart.sh does) or point ${Variable} at it.");
        return path.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", [path]) : (path, []);
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"${Variable} names '{configured}', which does not exist.");
        }

        var here = AppContext.BaseDirectory;
        // The apphost alone is not enough: a build that only references daft-node copies it without its dll.
        var besides = Path.Combine(here, "daft-node");
        if (File.Exists(besides) && File.Exists(besides + ".dll"))
        {
            return besides;
        }

        // bin/<Configuration>/<tfm>/ of some project in a checkout: look for src/GpuNode/bin/<Configuration>/<tfm>/.
        var tfm = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent?.Name ?? "Release";
        for (var folder = tfm; folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { configuration, "Release", "Debug" }.Distinct())
            {
                var built = Path.Combine(folder.FullName, "src", "GpuNode", "bin", candidate, tfm.Name, "daft-node");
                if (File.Exists(built) && File.Exists(built + ".dll"))
                {
                    return built;
                }
            }
        }

        return null;
    }
}
