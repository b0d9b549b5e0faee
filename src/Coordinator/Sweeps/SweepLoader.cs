using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// Reads sweep files (configs/sweeps/README.md describes the format) and expands them into a <see cref="SweepPlan"/>:
/// every job resolved as its job file would be, ids computed, dependencies first. Pure and deterministic: the same
/// text gives the same plan, in the same order, with the same ids. Invalid input throws a <see cref="ConfigException"/>
/// with every error found, each at its line and column in the sweep file.
/// </summary>
public static class SweepLoader
{
    /// <summary>Reads and expands the sweep file at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is not a valid sweep.</exception>
    public static SweepPlan Load(string path) => Parse(ConfigFiles.ReadText(path, "sweep file"), path);

    /// <summary>
    /// Parses and expands sweep-file text. <paramref name="sourceName"/> names the text in errors and is taken as its
    /// path: relative paths in it (weights, lp_head, dataset files) resolve against its folder, as in a job file.
    /// </summary>
    /// <exception cref="ConfigException">The text is not a valid sweep.</exception>
    public static SweepPlan Parse(string yaml, string sourceName) => Parse(yaml, sourceName, MethodCatalog.Builtin);

    internal static SweepPlan Parse(string yaml, string sourceName, MethodCatalog catalog)
    {
        var errors = new ErrorList(sourceName);
        var root = YamlTreeReader.Read(yaml, errors);
        var sourceFile = Path.GetFullPath(sourceName);
        var jobs = new JobSpecParser(errors, Path.GetDirectoryName(sourceFile) ?? Directory.GetCurrentDirectory());
        var definition = new SweepFileParser(errors, jobs, catalog).Parse(root);
        var planned = definition is null ? null : new SweepExpander(definition, jobs, errors).Expand();
        if (definition is null || planned is not { } jobList || !errors.IsEmpty)
        {
            // A value wrong at one place of the file is wrong at every point that uses it: report it once.
            throw new ConfigException([.. errors.ToException().Errors.Distinct()]);
        }

        return new SweepPlan(
            SweepIdentity.IdOf(definition.Name, jobList.Select(job => job.Id)),
            definition.Name,
            sourceFile,
            yaml,
            definition.Priority,
            definition.MaxAttempts,
            jobList);
    }
}
