namespace Daft.Datasets.Fetch;

/// <summary>How a downloaded file is unpacked.</summary>
public enum ArchiveKind
{
    /// <summary>Not an archive: the file itself is the data and is moved into place.</summary>
    None,
    Tar,
    /// <summary>gzip-compressed tar (<c>.tar.gz</c>, <c>.tgz</c>; npm packages are these).</summary>
    TarGz,
    /// <summary>A Debian package: an <c>ar</c> archive whose <c>data.tar.xz</c> (or <c>.gz</c>, or plain) holds the files.</summary>
    Deb,
}
