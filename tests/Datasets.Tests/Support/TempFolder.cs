namespace Daft.Datasets.Tests.Support;

/// <summary>A fresh folder under the system temp folder (a test's data root), deleted on dispose.</summary>
sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("daft-datasets-").FullName;

    /// <summary>Writes <paramref name="text"/> byte for byte (no newline translation) to <paramref name="relative"/>
    /// and returns the file's full path.</summary>
    public string Write(string relative, string text)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
