using Daft.Datasets.Fetch;

namespace Daft.Datasets.Sources;

/// <summary>A file a source's layout must hold, relative to the data root, with its size and digest when published.</summary>
public sealed record ExpectedFile(string RelativePath, long? Size = null, Checksum? Checksum = null)
{
    /// <summary>The problem with this file under <paramref name="dataRoot"/>, or null when it is as expected.
    /// Sizes are always compared; digests only when <paramref name="verify"/> (they read the whole file).</summary>
    public string? Problem(string dataRoot, bool verify)
    {
        var path = Path.GetFullPath(Path.Combine(dataRoot, RelativePath));
        if (!File.Exists(path))
            return $"missing '{path}'";
        var length = new FileInfo(path).Length;
        if (Size is { } size && length != size)
            return $"'{path}' has {length:N0} bytes, expected {size:N0} (truncated or another file)";
        if (verify && Checksum is { } checksum && checksum.Compute(path) is var actual && actual != checksum.Hex)
            return $"'{path}' has {checksum.Name} {actual}, expected {checksum.Hex} (damaged or another version)";
        return null;
    }
}
