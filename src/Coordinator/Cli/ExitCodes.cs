namespace Daft.Coordinator.Cli;

/// <summary>What <c>daft</c>'s exit status means (1 is System.CommandLine's, for a mistyped command line).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An input file is invalid or unreadable; the errors went to stderr as <c>file:line:col: message</c>.</summary>
    public const int InvalidInput = 2;

    /// <summary>Data asked for is not (all) in place: a fetch failed, needs a manual step, or a check found gaps.</summary>
    public const int DataMissing = 3;

    /// <summary>A sweep ended with jobs that failed or were cancelled (the report lists them with their reasons).</summary>
    public const int JobsFailed = 4;

    /// <summary>
    /// The coordinator's HTTP API could not be used: nothing answers at the URL (<c>daft serve</c> not running, a wrong
    /// <c>--api</c>), it refused the token, or it answered with an error of its own (its database down). A script can
    /// tell "the farm is down" from "the sweep failed" (4) and retry.
    /// </summary>
    public const int CoordinatorUnreachable = 5;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT, as shells report it) before it was done: <c>daft sweep status --watch</c>.</summary>
    public const int Interrupted = 130;
}
