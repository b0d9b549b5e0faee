using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Daft.Coordinator.Api;

/// <summary>How a call to the API failed, which decides what the CLI says and its exit status.</summary>
public enum ApiFailure
{
    /// <summary>No answer: nothing listens there, the name does not resolve, or it timed out.</summary>
    Unreachable,

    /// <summary>401: the token is missing or wrong.</summary>
    Unauthorized,

    /// <summary>404 / 409: no such sweep or job, or a name that fits several.</summary>
    NotFound,

    /// <summary>400: the request (a sweep file) is invalid; the message holds every error.</summary>
    Invalid,

    /// <summary>5xx: the coordinator answered but could not do it (its database is down, its dispatcher busy).</summary>
    ServerError,
}

/// <summary>A call to the API failed; <see cref="Exception.Message"/> says why in words a user can act on.</summary>
public sealed class ApiCallException(ApiFailure failure, string message) : Exception(message)
{
    public ApiFailure Failure { get; } = failure;
}

/// <summary>
/// The CLI's client of the HTTP API (<c>--api URL</c>): sends the bearer token when it has one, reads answers with
/// <see cref="ApiJson"/> into the same records the API wrote, and turns every failure into an
/// <see cref="ApiCallException"/> that names the URL and the reason — never a stack trace.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;

    /// <param name="url">The API's base URL; "host:port" means http://host:port.</param>
    /// <param name="token">The bearer token, or null.</param>
    /// <param name="timeout">How long one call may take.</param>
    public ApiClient(string url, string? token, TimeSpan? timeout = null)
    {
        BaseAddress = Normalise(url);
        http = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrWhiteSpace(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    public Uri BaseAddress { get; }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellation) => SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellation);

    public Task<T> PostAsync<T>(string path, HttpContent? content, CancellationToken cancellation) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellation);

    /// <summary>A sweep file's text as a submission body, named by <paramref name="sourceName"/> in its errors.</summary>
    public static HttpContent SweepBody(string yaml, string sourceName) =>
        new StringContent(JsonSerializer.Serialize(new { yaml, name = sourceName }), Encoding.UTF8, "application/json");

    /// <summary>A path segment: sweep names may hold characters a URL may not.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public void Dispose() => http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellation)
    {
        using var message = request;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellation);
        }
        catch (HttpRequestException error)
        {
            throw new ApiCallException(ApiFailure.Unreachable, $"cannot reach the coordinator at {BaseAddress}: {error.Message} (is `daft serve` running there? --api / ${ApiEnvironment.UrlVariable})");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new ApiCallException(ApiFailure.Unreachable, $"the coordinator at {BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellation);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonSerializer.Deserialize<T>(body, ApiJson.Options) ?? throw new JsonException("empty answer");
                }
                catch (JsonException error)
                {
                    throw new ApiCallException(ApiFailure.ServerError, $"{BaseAddress} answered {request.RequestUri} with something that is not Daft's API ({error.Message})");
                }
            }

            var said = ErrorOf(body) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new ApiCallException(ApiFailure.Unauthorized,
                    $"the coordinator at {BaseAddress} refused the call: {said} (--token or ${ApiEnvironment.TokenVariable})"),
                HttpStatusCode.NotFound or HttpStatusCode.Conflict => new ApiCallException(ApiFailure.NotFound, said),
                HttpStatusCode.BadRequest => new ApiCallException(ApiFailure.Invalid, said),
                _ => new ApiCallException(ApiFailure.ServerError, $"the coordinator at {BaseAddress} failed: {said}"),
            };
        }
    }

    private static string? ErrorOf(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ApiError>(body, ApiJson.Options)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Uri Normalise(string url)
    {
        var text = url.Contains("://", StringComparison.Ordinal) ? url : "http://" + url;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri))
        {
            throw new ApiCallException(ApiFailure.Unreachable, $"--api {url} is not a URL (e.g. http://127.0.0.1:{ApiEnvironment.DefaultPort})");
        }

        return uri;
    }
}
