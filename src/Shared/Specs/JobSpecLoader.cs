using Daft.Shared.Specs.Parsing;

namespace Daft.Shared.Specs;

/// <summary>
/// Reads job files (configs/README.md describes the format) into resolved <see cref="JobSpec"/>s. Invalid input
/// throws a <see cref="ConfigException"/> that lists every error found, each with its line and column.
/// </summary>
public static class JobSpecLoader
{
    /// <summary>Reads and resolves the job file at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is not a valid job.</exception>
    public static JobSpec Load(string path) => Parse(ConfigFiles.ReadText(path, "job file"), path);

    /// <summary>
    /// Parses job-file text. <paramref name="sourceName"/> names the text in errors and is taken as its path:
    /// relative <c>weights</c> and <c>lp_head</c> paths resolve against its folder (the current directory when it
    /// has none).
    /// </summary>
    /// <exception cref="ConfigException">The text is not a valid job.</exception>
    public static JobSpec Parse(string yaml, string sourceName)
    {
        var errors = new ErrorList(sourceName);
        var root = YamlTreeReader.Read(yaml, errors);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? Directory.GetCurrentDirectory();
        var spec = new JobSpecParser(errors, baseDirectory).Parse(root);
        return spec is not null && errors.IsEmpty ? spec : throw errors.ToException();
    }
}
