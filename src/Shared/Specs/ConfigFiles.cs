namespace Daft.Shared.Specs;

/// <summary>Reads a config file's text, turning an unreadable file into a <see cref="ConfigException"/> that names it.</summary>
internal static class ConfigFiles
{
    /// <param name="path">The file, as the user gave it (errors name it so).</param>
    /// <param name="what">What the file is, for the message: "job file", "dataset file".</param>
    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET reports reading a directory as "Access to the path is denied", which sends the user to chmod.
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file"
                : Directory.Exists(path) ? "it is a directory: give the YAML file in it"
                : e.Message;
            throw new ConfigException([new ConfigError(path, 0, 0, $"cannot read the {what}: {reason}")]);
        }
    }
}
