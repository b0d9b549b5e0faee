using System.Net;
using System.Net.Sockets;

namespace Daft.Datasets.Tests.Support;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 serving in-memory files by name, as a publisher or a mirror would: 200 with the
/// whole file, 206 for a <c>Range: bytes=N-</c> request, 404 for an unknown name. <see cref="DropAfter"/> makes the
/// first request for a file break off after that many bytes (a dropped connection), to test resuming.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    readonly HttpListener _listener = new();
    readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    readonly HashSet<string> _dropped = new(StringComparer.Ordinal);
    readonly Task _loop;

    public LocalFileServer()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Every request as "METHOD /path [Range]", in arrival order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>When set, the first response for each file stops after this many bytes.</summary>
    public long? DropAfter { get; set; }

    /// <summary>Whether to honour Range requests (a server that ignores them answers 200 with the whole file).</summary>
    public bool SupportsRanges { get; set; } = true;

    public string Add(string name, byte[] content)
    {
        _files[name] = content;
        return BaseUrl + name;
    }

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            try
            {
                Serve(context);
            }
            catch (Exception error) when (error is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away, or we dropped the connection on purpose.
            }
        }
    }

    void Serve(HttpListenerContext context)
    {
        var name = context.Request.Url!.AbsolutePath.TrimStart('/');
        var range = context.Request.Headers["Range"];
        lock (Requests)
            Requests.Add($"{context.Request.HttpMethod} /{name}{(range is null ? "" : " " + range)}");
        var response = context.Response;
        if (!_files.TryGetValue(Uri.UnescapeDataString(name), out var content))
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }
        long start = 0;
        if (SupportsRanges && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        response.ContentLength64 = content.Length - start;
        var drop = DropAfter is { } limit && _dropped.Add(name);
        var count = drop ? (int)Math.Min(DropAfter!.Value, content.Length - start) : (int)(content.Length - start);
        response.OutputStream.Write(content, (int)start, count);
        if (drop)
            response.Abort();
        else
            response.Close();
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
