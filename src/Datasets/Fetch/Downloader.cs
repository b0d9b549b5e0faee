using System.Net;
using System.Net.Http.Headers;

namespace Daft.Datasets.Fetch;

/// <summary>
/// Downloads <see cref="RemoteFile"/>s and accepts them only with the published checksum. A file already in place
/// with the right checksum is not downloaded again. The transfer goes to <c>NAME.part</c>; a retry after a dropped
/// connection asks for the rest (HTTP Range) and starts over when the server ignores that. The verified file is
/// renamed into place, so a file under its final name has always been verified.
/// </summary>
public sealed class Downloader(HttpClient http, IFetchProgress progress, FetchOptions options)
{
    static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Downloads <paramref name="file"/> into <paramref name="folder"/> and returns its path.</summary>
    /// <exception cref="FetchException">Every attempt failed, or the file does not match its checksum.</exception>
    public async Task<string> DownloadAsync(RemoteFile file, string folder, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, file.FileName);
        if (File.Exists(target))
        {
            if (Verified(file, target, out _))
            {
                progress.Note($"  {file.FileName}: already downloaded, {file.Checksum.Name} verified");
                return target;
            }
            File.Delete(target);
        }
        var source = SourceOf(file);
        var part = target + ".part";
        Exception? last = null;
        for (var attempt = 1; attempt <= options.Attempts; attempt++)
        {
            try
            {
                if (IsLocal(source))
                    await CopyLocalAsync(source, part, file, cancellation);
                else
                    await TransferAsync(new Uri(source), part, file, cancellation);
                if (!Verified(file, part, out var problem))
                {
                    File.Delete(part);
                    throw new FetchException($"{file.FileName} from {source}: {problem}. The download is damaged or the "
                        + "publisher changed the file; it was deleted. Run the fetch again; if this repeats, report it.");
                }
                File.Move(part, target, overwrite: true);
                progress.Note($"  {file.FileName}: {file.Checksum.Name} verified");
                return target;
            }
            catch (Exception error) when (Transient(error) && attempt < options.Attempts && !cancellation.IsCancellationRequested)
            {
                last = error;
                progress.Note($"  {file.FileName}: attempt {attempt} failed ({error.Message}); retrying");
                await Task.Delay(FirstRetryDelay * attempt, cancellation);
            }
            catch (Exception error) when (Transient(error))
            {
                last = error;
                break;
            }
        }
        throw new FetchException($"Could not download {file.FileName} from {source} after {options.Attempts} attempt(s): {last?.Message}. "
            + $"Check the network, or download it by hand into '{folder}' (or a folder given as --mirror) and run the fetch again.", last);
    }

    /// <summary>The URL or local path the file is taken from: the mirror's copy when a mirror is set.</summary>
    public string SourceOf(RemoteFile file)
    {
        if (string.IsNullOrEmpty(options.Mirror))
            return file.Url;
        return IsLocal(options.Mirror)
            ? Path.Combine(options.Mirror, file.FileName)
            : options.Mirror.TrimEnd('/') + "/" + Uri.EscapeDataString(file.FileName);
    }

    static bool IsLocal(string source) =>
        !source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    static bool Transient(Exception error) => error is HttpRequestException or IOException or TaskCanceledException { InnerException: TimeoutException };

    bool Verified(RemoteFile file, string path, out string problem)
    {
        var length = new FileInfo(path).Length;
        if (file.Size is { } size && length != size)
        {
            problem = $"{length} bytes, the publisher's file has {size}";
            return false;
        }
        var actual = file.Checksum.Compute(path);
        problem = $"{file.Checksum.Name} {actual}, expected {file.Checksum.Hex}";
        return actual == file.Checksum.Hex;
    }

    async Task CopyLocalAsync(string source, string part, RemoteFile file, CancellationToken cancellation)
    {
        if (!File.Exists(source))
            throw new FetchException($"The mirror folder has no {file.FileName}: looked for '{Path.GetFullPath(source)}'.");
        progress.Started(file.FileName, new FileInfo(source).Length);
        try
        {
            await using var input = File.OpenRead(source);
            await using var output = File.Create(part);
            await PumpAsync(input, output, 0, cancellation);
        }
        finally
        {
            progress.Finished();
        }
    }

    async Task TransferAsync(Uri url, string part, RemoteFile file, CancellationToken cancellation)
    {
        var have = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
            request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The part is already whole (or longer than the file): start again from nothing.
            File.Delete(part);
            throw new IOException("the partial download did not fit the file on the server");
        }
        if (!response.IsSuccessStatusCode)
            throw new FetchException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}; the file may have moved. "
                + "Download it by hand and pass its folder as --mirror, or report it.");
        var resumed = response.StatusCode == HttpStatusCode.PartialContent;
        var start = resumed ? have : 0;
        var total = response.Content.Headers.ContentLength is { } length ? start + length : file.Size;
        progress.Started(file.FileName, total);
        try
        {
            await using var input = await response.Content.ReadAsStreamAsync(cancellation);
            await using var output = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            await PumpAsync(input, output, start, cancellation);
        }
        finally
        {
            progress.Finished();
        }
    }

    async Task PumpAsync(Stream input, Stream output, long start, CancellationToken cancellation)
    {
        var buffer = new byte[1 << 20];
        var done = start;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellation)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellation);
            done += read;
            progress.Advanced(done);
        }
    }
}
