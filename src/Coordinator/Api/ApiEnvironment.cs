namespace Daft.Coordinator.Api;

/// <summary>
/// The API's environment variables and defaults, one place for the server (<c>daft serve</c>) and the clients
/// (<c>daft sweep … --api</c>, <c>daft nodes</c>), so a container or a shell profile configures both alike.
/// </summary>
public static class ApiEnvironment
{
    /// <summary>The API's port unless <c>--api-port</c> / <c>$DAFT_API_PORT</c> say otherwise.</summary>
    public const int DefaultPort = 4080;

    /// <summary>The address the API listens on by default: this machine only, so no token is needed.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The server's listen address.</summary>
    public const string HostVariable = "DAFT_API_HOST";

    /// <summary>The server's port (0 = no API).</summary>
    public const string PortVariable = "DAFT_API_PORT";

    /// <summary>The bearer token: the server requires it, the clients send it.</summary>
    public const string TokenVariable = "DAFT_API_TOKEN";

    /// <summary>The API a client talks to (<c>--api</c>).</summary>
    public const string UrlVariable = "DAFT_API";

    /// <summary>Where <c>daft nodes</c> looks when neither <c>--api</c> nor <c>$DAFT_API</c> is given: a local <c>daft serve</c>.</summary>
    public static string DefaultUrl => $"http://{DefaultHost}:{DefaultPort}";
}
