using System.CommandLine;
using Daft.Coordinator.Api;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// The HTTP API options of the verbs that host a coordinator (<c>serve</c>, <c>run</c>): where it listens, and the token
/// file. Each has an environment variable (<see cref="ApiEnvironment"/>) so a container needs no arguments.
/// <c>--api-port 0</c> runs no API at all.
/// </summary>
internal sealed class ApiHostOptions(int defaultPort)
{
    public Option<string> Host { get; } = new("--api-host")
    {
        Description = $"Address the HTTP API listens on (${ApiEnvironment.HostVariable}). Any address but a loopback one needs a bearer token (${ApiEnvironment.TokenVariable} or --api-token-file).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiEnvironment.HostVariable) is { Length: > 0 } host ? host : ApiEnvironment.DefaultHost,
    };

    public Option<int> Port { get; } = new("--api-port")
    {
        Description = $"Port of the HTTP API (${ApiEnvironment.PortVariable}); 0 = no API.",
        DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable(ApiEnvironment.PortVariable), out var port) ? port : defaultPort,
    };

    public Option<string?> TokenFile { get; } = new("--api-token-file")
    {
        Description = $"A file holding the bearer token clients must send (default: ${ApiEnvironment.TokenVariable}).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Host);
        command.Options.Add(Port);
        command.Options.Add(TokenFile);
    }

    /// <summary>The API's settings, or null for <c>--api-port 0</c>.</summary>
    /// <exception cref="ApiConfigurationException">The token file cannot be read, the host is not this machine's, or a token is missing.</exception>
    public ApiSettings? Settings(ParseResult parse)
    {
        var port = parse.GetValue(Port);
        if (port == 0)
        {
            return null;
        }

        string? token;
        if (parse.GetValue(TokenFile) is { } file)
        {
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new ApiConfigurationException($"--api-token-file {file}: {error.Message}");
            }

            if (token.Length == 0)
            {
                throw new ApiConfigurationException($"--api-token-file {file} is empty");
            }
        }
        else
        {
            token = Environment.GetEnvironmentVariable(ApiEnvironment.TokenVariable);
        }

        return ApiSettings.Resolve(parse.GetRequiredValue(Host), port, token);
    }
}

/// <summary>Starts the API beside a coordinator and says where it listens (never the token).</summary>
internal static class ApiHosting
{
    public static async Task<ApiServer> StartAsync(ApiSettings settings, IJobLedger ledger, IServiceProvider coordinator, ApiMetrics metrics,
        TextWriter output, CancellationToken cancellation)
    {
        var server = await ApiServer.StartAsync(settings, ledger, CoordinatorLink.Of(coordinator), metrics, cancellation);
        output.WriteLine($"HTTP API at {server.Address} ({(settings.Access.RequiresToken ? "bearer token required" : "no token: this machine only")})");
        return server;
    }
}
