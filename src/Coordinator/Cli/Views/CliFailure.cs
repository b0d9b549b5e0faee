using Daft.Coordinator.Api;

namespace Daft.Coordinator.Cli.Views;

/// <summary>
/// A read or control verb cannot do what was asked: the message for stderr and the exit status. Thrown where the
/// cause is known (no such sweep, the API unreachable), caught once in each verb's action.
/// </summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>An API failure as the CLI reports it: a missing sweep or an invalid file is the input's fault (2); the rest is the coordinator's (5).</summary>
    public static CliFailure From(ApiCallException error) => new(
        error.Failure is ApiFailure.NotFound or ApiFailure.Invalid ? ExitCodes.InvalidInput : ExitCodes.CoordinatorUnreachable, error.Message);
}
