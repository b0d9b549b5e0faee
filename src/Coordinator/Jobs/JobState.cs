namespace Daft.Coordinator.Jobs;

/// <summary>
/// Where a job is in its life (DESIGN.md, "How a sweep flows"): <c>Pending → Leased → Running → Succeeded | Failed |
/// Cancelled</c>; a failure with attempts left, or a lease that expired, goes back to <see cref="Pending"/>. The ledger
/// stores the lowercase name (<see cref="JobStates.Text"/>).
/// </summary>
public enum JobState
{
    /// <summary>Waiting for a device (or for the jobs it depends on).</summary>
    Pending,

    /// <summary>Given to a device, not yet acknowledged as started.</summary>
    Leased,

    /// <summary>Started on its device; heartbeats extend the lease.</summary>
    Running,

    /// <summary>Finished with a result. Terminal: a succeeded job is never run again.</summary>
    Succeeded,

    /// <summary>Failed for good: attempts used up, or a failure that retrying cannot fix. Resubmitting re-queues it.</summary>
    Failed,

    /// <summary>Cancelled by a user. Resubmitting re-queues it.</summary>
    Cancelled,
}

/// <summary>Text forms and predicates of <see cref="JobState"/>.</summary>
public static class JobStates
{
    /// <summary>The ledger's spelling: the lowercase name.</summary>
    public static string Text(this JobState state) => state switch
    {
        JobState.Pending => "pending",
        JobState.Leased => "leased",
        JobState.Running => "running",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Reads <see cref="Text"/> back.</summary>
    public static JobState Parse(string text) => text switch
    {
        "pending" => JobState.Pending,
        "leased" => JobState.Leased,
        "running" => JobState.Running,
        "succeeded" => JobState.Succeeded,
        "failed" => JobState.Failed,
        "cancelled" => JobState.Cancelled,
        _ => throw new FormatException($"Unknown job state '{text}'."),
    };

    /// <summary>Succeeded, failed or cancelled: nothing more happens unless the job is submitted again.</summary>
    public static bool IsTerminal(this JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    /// <summary>Pending, leased or running: the dispatcher owns it.</summary>
    public static bool IsOpen(this JobState state) => !state.IsTerminal();
}
