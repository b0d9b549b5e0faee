namespace Daft.Coordinator.Ledger;

/// <summary>
/// One change to the ledger. Each job write also appends a row to <c>job_events</c> (kind = the write's
/// <see cref="Kind"/>). Writes carry the attempt they belong to; a write whose attempt is lower than the row's current
/// attempt is ignored, so a late message from a lost lease cannot overwrite a newer attempt.
/// </summary>
public abstract record LedgerWrite(DateTimeOffset At)
{
    /// <summary>The event kind stored in <c>job_events.kind</c>: "leased", "started", "progress", ….</summary>
    public abstract string Kind { get; }
}

/// <summary>The job is leased to a device: state leased, attempt = <paramref name="Attempt"/> (1-based), node, device, lease expiry.</summary>
public sealed record JobLeasedWrite(string JobId, int Attempt, string Node, string Device, DateTimeOffset LeaseExpiresAt, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "leased";
}

/// <summary>The device acknowledged the lease and started the job: state running, started_at.</summary>
public sealed record JobStartedWrite(string JobId, int Attempt, DateTimeOffset LeaseExpiresAt, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "started";
}

/// <summary>Progress (JSON: epoch, step, loss, accuracies) and a lease extension. Stored on the job row; an event row only when <paramref name="Milestone"/> (an epoch ended).</summary>
public sealed record JobProgressWrite(string JobId, int Attempt, string ProgressJson, DateTimeOffset LeaseExpiresAt, bool Milestone, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "progress";
}

/// <summary>The job succeeded: state succeeded, finished_at, and its result row (result.json as text) — exactly one result per job.</summary>
public sealed record JobSucceededWrite(string JobId, int Attempt, string ResultJson, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "succeeded";
}

/// <summary>
/// The attempt failed. <paramref name="Final"/>: state failed with the reason (and the partial result, when there is one,
/// stored like a success's); otherwise state pending again (a retry), reason kept for the record.
/// </summary>
public sealed record JobFailedWrite(string JobId, int Attempt, string Reason, bool Retryable, bool Final, string? ResultJson, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => Final ? "failed" : "retry";
}

/// <summary>The lease was lost (node gone, heartbeats stopped, node drained): state pending again; the attempt does not count as a failure.</summary>
public sealed record JobRequeuedWrite(string JobId, int Attempt, string Reason, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "requeued";
}

/// <summary>A user cancelled the job: state cancelled with the reason.</summary>
public sealed record JobCancelledWrite(string JobId, string Reason, DateTimeOffset At) : LedgerWrite(At)
{
    public override string Kind => "cancelled";
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
