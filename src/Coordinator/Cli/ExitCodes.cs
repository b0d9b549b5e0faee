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
}
