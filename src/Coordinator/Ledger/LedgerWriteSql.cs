namespace Daft.Coordinator.Ledger;

/// <summary>
/// The statement of each write kind (the <see cref="LedgerWrite"/> records). A job write's UPDATE applies only when the
/// row's attempt is not newer than the write's (a late message from a lost lease changes nothing) and the job is in a
/// state the write may leave: start, progress, a retry and a requeue need a live lease (leased or running), so a
/// stray message cannot move a pending job; a lease, a success, a final failure and a cancel take any open job;
/// nothing moves a terminal job but a retry (failed or cancelled only) and a resubmission (<see cref="IJobLedger.Submit"/>). Each returns the attempt, node
/// and device the row has afterwards, which its event records.
/// </summary>
internal static class LedgerWriteSql
{
    private const string Open = "state IN ('pending', 'leased', 'running')";
    private const string Live = "state IN ('leased', 'running')";
    private const string NotStale = "attempt <= @attempt";
    private const string Returning = "RETURNING attempt, node, device";

    private const string Lease =
        $"""
        UPDATE jobs SET state = 'leased', attempt = @attempt, node = @node, device = @device, lease_expires_at = @lease,
            started_at = NULL, finished_at = NULL, progress_json = NULL, updated_at = @at
        WHERE id = @id AND {NotStale} AND {Open} {Returning}
        """;

    private const string Start =
        $"""
        UPDATE jobs SET state = 'running', attempt = @attempt, lease_expires_at = @lease, started_at = COALESCE(started_at, @at),
            updated_at = @at
        WHERE id = @id AND {NotStale} AND {Live} {Returning}
        """;

    private const string Progress =
        $"""
        UPDATE jobs SET state = 'running', attempt = @attempt, progress_json = @progress, lease_expires_at = @lease,
            started_at = COALESCE(started_at, @at), updated_at = @at
        WHERE id = @id AND {NotStale} AND {Live} {Returning}
        """;

    // A success is taken from a pending job too: a lease that expired while its job went on to finish still produced
    // the job's result (same spec, same id), and taking it saves running the job again.
    private const string Succeed =
        $"""
        UPDATE jobs SET state = 'succeeded', attempt = @attempt, lease_expires_at = NULL, finished_at = @at, reason = NULL,
            retryable = NULL, updated_at = @at
        WHERE id = @id AND {NotStale} AND {Open} {Returning}
        """;

    // From a pending job too: one whose dependency failed fails without ever being leased.
    private const string FailFinally =
        $"""
        UPDATE jobs SET state = 'failed', attempt = @attempt, lease_expires_at = NULL, finished_at = @at, reason = @reason,
            retryable = @retryable, updated_at = @at
        WHERE id = @id AND {NotStale} AND {Open} {Returning}
        """;

    private const string FailForRetry =
        $"""
        UPDATE jobs SET state = 'pending', attempt = @attempt, lease_expires_at = NULL, reason = @reason, retryable = @retryable,
            updated_at = @at
        WHERE id = @id AND {NotStale} AND {Live} {Returning}
        """;

    private const string Requeue =
        $"""
        UPDATE jobs SET state = 'pending', attempt = @attempt, lease_expires_at = NULL, reason = @reason, updated_at = @at
        WHERE id = @id AND {NotStale} AND {Live} {Returning}
        """;

    private const string Cancel =
        $"""
        UPDATE jobs SET state = 'cancelled', lease_expires_at = NULL, finished_at = @at, reason = @reason, updated_at = @at
        WHERE id = @id AND {Open} {Returning}
        """;

    private const string Retry =
        $"""
        UPDATE jobs SET state = 'pending', attempt = 0, lease_expires_at = NULL, started_at = NULL, finished_at = NULL,
            reason = NULL, retryable = NULL, progress_json = NULL, updated_at = @at
        WHERE id = @id AND state IN ('failed', 'cancelled') {Returning}
        """;

    /// <summary>A job write's event, with the attempt, node and device its UPDATE returned.</summary>
    public const string InsertEvent =
        """
        INSERT INTO job_events (job_id, at, kind, attempt, node, device, detail)
        VALUES (@id, @at, @kind, @attempt, @node, @device, @detail)
        """;

    /// <summary>A result is final once it is a success's; a final failure's partial result gives way to a later attempt's.</summary>
    public const string UpsertResult =
        """
        INSERT INTO results (job_id, attempt, status, result_json, created_at) VALUES (@id, @attempt, @status, @json, @at)
        ON CONFLICT (job_id) DO UPDATE SET attempt = excluded.attempt, status = excluded.status,
            result_json = excluded.result_json, created_at = excluded.created_at
        WHERE results.status <> 'succeeded'
        """;

    /// <summary>The UPDATE of <paramref name="write"/>: it returns one row when the write applies, none when it is ignored.</summary>
    public static LedgerStatement Update(LedgerWrite write) => write switch
    {
        JobLeasedWrite lease => new LedgerStatement(Lease).Text("@id", lease.JobId).Int("@attempt", lease.Attempt)
            .Text("@node", lease.Node).Text("@device", lease.Device).Time("@lease", lease.LeaseExpiresAt).Time("@at", lease.At),
        JobStartedWrite start => new LedgerStatement(Start).Text("@id", start.JobId).Int("@attempt", start.Attempt)
            .Time("@lease", start.LeaseExpiresAt).Time("@at", start.At),
        JobProgressWrite progress => new LedgerStatement(Progress).Text("@id", progress.JobId).Int("@attempt", progress.Attempt)
            .Text("@progress", progress.ProgressJson).Time("@lease", progress.LeaseExpiresAt).Time("@at", progress.At),
        JobSucceededWrite success => new LedgerStatement(Succeed).Text("@id", success.JobId).Int("@attempt", success.Attempt)
            .Time("@at", success.At),
        JobFailedWrite failure => new LedgerStatement(failure.Final ? FailFinally : FailForRetry).Text("@id", failure.JobId)
            .Int("@attempt", failure.Attempt).Text("@reason", failure.Reason).Bool("@retryable", failure.Retryable)
            .Time("@at", failure.At),
        JobRequeuedWrite requeue => new LedgerStatement(Requeue).Text("@id", requeue.JobId).Int("@attempt", requeue.Attempt)
            .Text("@reason", requeue.Reason).Time("@at", requeue.At),
        JobCancelledWrite cancel => new LedgerStatement(Cancel).Text("@id", cancel.JobId).Text("@reason", cancel.Reason)
            .Time("@at", cancel.At),
        JobRetriedWrite retry => new LedgerStatement(Retry).Text("@id", retry.JobId).Time("@at", retry.At),
        SweepCancelledWrite cancel => new LedgerStatement("UPDATE sweeps SET state = 'cancelled' WHERE id = @id RETURNING id")
            .Text("@id", cancel.SweepId),
        SweepPriorityWrite priority => new LedgerStatement("UPDATE sweeps SET priority = @priority WHERE id = @id RETURNING id")
            .Text("@id", priority.SweepId).Int("@priority", priority.Priority),
        _ => throw new ArgumentException($"The ledger has no rule for {write.GetType().Name}.", nameof(write)),
    };

    /// <summary>The job a job write names.</summary>
    public static string JobId(LedgerWrite write) => write switch
    {
        JobLeasedWrite lease => lease.JobId,
        JobStartedWrite start => start.JobId,
        JobProgressWrite progress => progress.JobId,
        JobSucceededWrite success => success.JobId,
        JobFailedWrite failure => failure.JobId,
        JobRequeuedWrite requeue => requeue.JobId,
        JobCancelledWrite cancel => cancel.JobId,
        JobRetriedWrite retry => retry.JobId,
        _ => throw new ArgumentException($"{write.GetType().Name} is not a job write.", nameof(write)),
    };
}
