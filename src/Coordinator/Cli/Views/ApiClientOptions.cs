using System.CommandLine;
using Daft.Coordinator.Api;

namespace Daft.Coordinator.Cli.Views;

/// <summary>
/// <c>--api URL</c> and <c>--token TOKEN</c>: the verbs that can go through a coordinator's HTTP API instead of the
/// database. Defaults come from <c>$DAFT_API</c> and <c>$DAFT_API_TOKEN</c>, so a shell profile points every verb at a
/// remote farm once.
/// </summary>
internal sealed class ApiClientOptions
{
    public Option<string?> Url { get; } = new("--api")
    {
        Description = $"Go through the coordinator's HTTP API at this URL (e.g. http://10.0.0.1:{ApiEnvironment.DefaultPort}; default ${ApiEnvironment.UrlVariable}) instead of the database.",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token for the API (default ${ApiEnvironment.TokenVariable}); needed when it listens on a non-loopback address.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
    }

    /// <summary>A client for <c>--api</c> / <c>$DAFT_API</c>, else for <paramref name="fallback"/>, else null (use the database).</summary>
    public ApiClient? Client(ParseResult parse, string? fallback = null)
    {
        var url = parse.GetValue(Url) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable(ApiEnvironment.UrlVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : fallback;
        if (url is null)
        {
            return null;
        }

        var token = parse.GetValue(Token) is { Length: > 0 } explicitToken ? explicitToken : Environment.GetEnvironmentVariable(ApiEnvironment.TokenVariable);
        try
        {
            return new ApiClient(url, token);
        }
        catch (ApiCallException error)
        {
            throw CliFailure.From(error);
        }
    }
}
