namespace Daft.Datasets.Fetch;

/// <summary>A file published at <paramref name="Url"/>, saved as <paramref name="FileName"/> and accepted only with
/// the published <paramref name="Checksum"/> (and <paramref name="Size"/>, when known).</summary>
/// <param name="Url">Where the publisher serves it (http or https).</param>
/// <param name="FileName">Its name on disk; also its name under a mirror (see <see cref="FetchOptions.Mirror"/>).</param>
/// <param name="Size">Bytes, when published; a download of another length is rejected before hashing.</param>
/// <param name="Checksum">The publisher's digest.</param>
public sealed record RemoteFile(string Url, string FileName, long? Size, Checksum Checksum);
