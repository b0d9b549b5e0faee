using System.Security.Cryptography;
using System.Text;

namespace Daft.Datasets.Fetch;

/// <summary>How a published checksum was computed.</summary>
public enum ChecksumKind
{
    Sha256,
    Md5,
    /// <summary>Git's blob id, <c>sha1("blob SIZE\0" + content)</c>: what a repository's tree records for a file,
    /// for files published only in a git repository (CIFAR-10.1's images).</summary>
    GitBlobSha1,
}

/// <summary>A file's expected digest, in lower-case hex.</summary>
public sealed record Checksum(ChecksumKind Kind, string Hex)
{
    public static Checksum Sha256(string hex) => new(ChecksumKind.Sha256, hex.ToLowerInvariant());

    public static Checksum Md5(string hex) => new(ChecksumKind.Md5, hex.ToLowerInvariant());

    public static Checksum GitBlob(string hex) => new(ChecksumKind.GitBlobSha1, hex.ToLowerInvariant());

    /// <summary>The digest of <paramref name="path"/> computed the same way, lower-case hex.</summary>
    public string Compute(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Compute(file, file.Length);
    }

    /// <summary>The digest of the <paramref name="length"/> bytes of <paramref name="stream"/>, lower-case hex.</summary>
    public string Compute(Stream stream, long length)
    {
        using var hash = IncrementalHash.CreateHash(Kind switch
        {
            ChecksumKind.Sha256 => HashAlgorithmName.SHA256,
            ChecksumKind.Md5 => HashAlgorithmName.MD5,
            _ => HashAlgorithmName.SHA1,
        });
        if (Kind == ChecksumKind.GitBlobSha1)
            hash.AppendData(Encoding.ASCII.GetBytes($"blob {length}\0"));
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
            hash.AppendData(buffer, 0, read);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public bool Matches(string path) => string.Equals(Compute(path), Hex, StringComparison.Ordinal);

    public override string ToString() => $"{Name} {Hex}";

    /// <summary>How messages name the kind: <c>sha256</c>, <c>md5</c>, <c>git blob</c>.</summary>
    public string Name => Kind switch
    {
        ChecksumKind.Sha256 => "sha256",
        ChecksumKind.Md5 => "md5",
        _ => "git blob",
    };
}
