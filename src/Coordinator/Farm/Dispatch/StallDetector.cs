namespace Daft.Coordinator.Farm.Dispatch;

/// <summary>
/// Tells a late clock tick from an on-time one. When the coordinator process itself stalls (CPU overload, a long GC, a
/// suspended VM), the nodes' heartbeats wait in the dispatcher's mailbox behind the next tick; expiring leases on that
/// tick would blame the nodes for the coordinator's pause (seen as "no heartbeat for 30 s" on a 2-core machine with
/// load 15, while the node was fine). So a tick that comes later than <see cref="Tolerance"/> after the previous one
/// expires nothing: the next tick, one interval later, runs after the queued heartbeats have extended their leases.
/// </summary>
public sealed class StallDetector(TimeSpan interval)
{
    private DateTimeOffset? last;

    /// <summary>Three intervals: a tick this late means the process did not run for a while.</summary>
    public TimeSpan Tolerance { get; } = interval * 3;

    /// <summary>Records a tick at <paramref name="now"/>; the stall before it when it came late, else null.</summary>
    public TimeSpan? Tick(DateTimeOffset now)
    {
        var gap = last is { } previous ? now - previous : TimeSpan.Zero;
        last = now;
        return gap > Tolerance ? gap : null;
    }
}
