namespace Daft.Datasets.Fetch;

/// <summary>How <c>daft data fetch</c> downloads.</summary>
/// <param name="Mirror">Where to take files from instead of their publishers: a base URL (<c>http://host/path/</c>)
/// or a local folder, holding each file under its <see cref="RemoteFile.FileName"/> (an air-gapped cluster's
/// copy, or the tests' server). Null = the publishers' URLs.</param>
/// <param name="Attempts">Tries per file; a dropped connection resumes where it stopped when the server allows it.</param>
/// <param name="KeepArchives">Keep downloaded archives (under <c>DATA_ROOT/.downloads/</c>) after unpacking.</param>
public sealed record FetchOptions(string? Mirror = null, int Attempts = 3, bool KeepArchives = false)
{
    /// <summary>Environment variable that supplies <see cref="Mirror"/> when no option gives one.</summary>
    public const string MirrorVariable = "DAFT_DATA_MIRROR";

    /// <summary>Folder under the data root where downloads land before they are verified and unpacked.</summary>
    public const string DownloadsFolder = ".downloads";
}
