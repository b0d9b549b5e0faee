namespace Daft.Coordinator.Ledger;

/// <summary>
/// One change to the ledger. Each job write also appends a row to <c>job_events</c> (kind = the write's
/// <see cref="Kind"/>). Writes carry the attempt they belong to; a write whose attempt is lower than the row's current
/// attempt is ignored, so a late message from a lost lease cannot overwrite a newer attempt. A job write is also
/// ignored in a state it may not leave (each record says which it may): nothing moves a succeeded, failed or
/// cancelled job but a resubmission. An ignored write changes nothing and appends no event.
/// </summary>
public abstract record LedgerWrite(DateTimeOffset At)
{
    /// <summary>The event kind stored in <c>job_events.kind</c>: "leased", "started", "progress", ….</summary>
    public abstract string Kind { get; }
}

/// <summary>The job is leased to a device: state leased, attempt = <paramref name="Attempt"/> (1-based), node, device, lease expiry. From any open state.</summary>
public sealed record JobLeasedWrite(string JobId, int Attempt, string Node, string Device, DateTimeOffset LeaseExpiresAt, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "leased";
}

/// <summary>The device acknowledged the lease and started the job: state running, started_at. From leased or running.</summary>
public sealed record JobStartedWrite(string JobId, int Attempt, DateTimeOffset LeaseExpiresAt, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "started";
}

/// <summary>
/// Progress (JSON: epoch, step, loss, accuracies) and a lease extension. Stored on the job row; an event row only when
/// <paramref name="Milestone"/> (an epoch ended). From leased or running (a leased job is running from then on).
/// </summary>
public sealed record JobProgressWrite(string JobId, int Attempt, string ProgressJson, DateTimeOffset LeaseExpiresAt, bool Milestone, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "progress";
}

/// <summary>
/// The job succeeded: state succeeded, finished_at, and its result row (result.json as text) — exactly one result per
/// job: a second success is ignored. From any open state: a lease that expired while its job went on to finish still
/// produced the job's result.
/// </summary>
public sealed record JobSucceededWrite(string JobId, int Attempt, string ResultJson, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "succeeded";
}

/// <summary>
/// The attempt failed. <paramref name="Final"/>: state failed with the reason (and the partial result, when there is one,
/// stored like a success's, until a later attempt's result replaces it), from any open state (a job whose dependency
/// failed fails without a lease); otherwise state pending again (a retry), reason kept for the record, from leased or
/// running.
/// </summary>
public sealed record JobFailedWrite(string JobId, int Attempt, string Reason, bool Retryable, bool Final, string? ResultJson, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => Final ? "failed" : "retry";
}

/// <summary>The lease was lost (node gone, heartbeats stopped, node drained): state pending again; the attempt does not count as a failure. From leased or running.</summary>
public sealed record JobRequeuedWrite(string JobId, int Attempt, string Reason, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "requeued";
}

/// <summary>A user cancelled the job: state cancelled with the reason. From any open state; a finished job stays as it was.</summary>
public sealed record JobCancelledWrite(string JobId, string Reason, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "cancelled";
}

/// <summary>
/// A user asked to run a failed or cancelled job again (<c>daft job retry</c>): state pending, attempt 0, no reason, as a
/// resubmission leaves it; its result row, if a final failure left one, stays until the new attempt's replaces it. From
/// failed or cancelled only: a job that succeeded keeps its result, an open one is already going to run.
/// </summary>
public sealed record JobRetriedWrite(string JobId, string Reason, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "retried";
}

/// <summary>A user cancelled a sweep: sweeps.state = cancelled (its jobs get their own <see cref="JobCancelledWrite"/>).</summary>
public sealed record SweepCancelledWrite(string SweepId, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "sweep_cancelled";
}

/// <summary>A sweep's priority changed.</summary>
public sealed record SweepPriorityWrite(string SweepId, int Priority, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "sweep_priority";
}
