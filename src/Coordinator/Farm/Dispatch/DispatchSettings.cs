namespace Daft.Coordinator.Farm.Dispatch;

/// <summary>
/// The dispatcher's clocks. A device heartbeats every <see cref="Heartbeat"/>; a lease with no heartbeat for
/// <see cref="Lease"/> expires and its job goes back to the queue. A running job whose progress has not changed for
/// <see cref="StuckAfter"/> is stopped and counted as a (retryable) failure. <see cref="MaxRequeues"/> bounds how often
/// one job may lose its lease (a job that kills its node every time must not loop forever).
/// </summary>
public sealed record DispatchSettings(TimeSpan Lease, TimeSpan Heartbeat, TimeSpan StuckAfter, int MaxRequeues)
{
    /// <summary>30 s leases, 5 s heartbeats, stuck after 2 h without progress, 5 lease losses.</summary>
    public static DispatchSettings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromHours(2), 5);
}
