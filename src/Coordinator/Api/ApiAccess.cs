using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Daft.Coordinator.Api;

/// <summary>
/// Who may use the HTTP API. On a loopback address only this machine can connect, so no token is needed; on any other
/// address a bearer token is required, and a server without one refuses to start rather than open the farm (cancel,
/// submit) to its network. A token given on loopback is enforced too: an operator who set one expects it to count.
/// The probes (<c>/healthz</c>, <c>/readyz</c>) are always open, because Kubernetes' kubelet calls them without
/// credentials; they say nothing but "alive" and "ready". Pure, so the rule is tested without a server.
/// </summary>
public sealed class ApiAccess
{
    // The token's SHA-256, never the token itself: nothing here can print it.
    private readonly byte[]? token;

    private ApiAccess(byte[]? token)
    {
        this.token = token;
    }

    /// <summary>Whether requests need a token.</summary>
    public bool RequiresToken => token is not null;

    /// <summary>
    /// The access rule for a server on <paramref name="address"/> with <paramref name="token"/> (null or blank: none).
    /// </summary>
    /// <exception cref="ApiConfigurationException">A non-loopback address without a token.</exception>
    public static ApiAccess For(IPAddress address, string? token)
    {
        var configured = string.IsNullOrWhiteSpace(token) ? null : Digest(token.Trim());
        if (configured is null && !IPAddress.IsLoopback(address))
        {
            throw new ApiConfigurationException(
                $"the HTTP API would listen on {address}, which is not a loopback address, without a token: set ${ApiEnvironment.TokenVariable} " +
                "or --api-token-file (clients send it as 'Authorization: Bearer TOKEN'), listen on 127.0.0.1, or disable the API with --api-port 0");
        }

        return new ApiAccess(configured);
    }

    /// <summary>Paths anyone may call: the Kubernetes probes.</summary>
    public static bool IsOpen(string path) => path is "/healthz" or "/readyz";

    /// <summary>
    /// Whether a request to <paramref name="path"/> with this <c>Authorization</c> header may proceed. The token's
    /// SHA-256 is compared in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>), so response times
    /// reveal neither how much of a guess was right nor the token's length.
    /// </summary>
    public bool Allows(string path, string? authorization)
    {
        if (token is null || IsOpen(path))
        {
            return true;
        }

        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Digest(authorization[scheme.Length..].Trim()), token);
    }

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}

/// <summary>The API's settings cannot work as given (the message says why and what to do); nothing was started.</summary>
public sealed class ApiConfigurationException(string message) : Exception(message);
