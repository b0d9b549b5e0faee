using Daft.Shared.Farm;

namespace Daft.Coordinator.Farm.Dispatch;

/// <summary>
/// One device as the dispatcher has seen it since it joined: what it runs now (job, attempt, since when), how long it
/// has been busy in all, and how its attempts ended. <see cref="State"/>: "busy" (holds a lease), "draining" (its node is
/// shutting down: it finished or handed back its job and asks for no more) or "idle".
/// </summary>
public sealed record DeviceUsage(
    DeviceDescriptor Device,
    string State,
    DateTimeOffset JoinedAt,
    string? JobId,
    int Attempt,
    DateTimeOffset? BusySince,
    TimeSpan BusyTime,
    int Succeeded,
    int Failed,
    int Interrupted)
{
    /// <summary>Attempts that ended on it with a result: succeeded or failed.</summary>
    public int JobsDone => Succeeded + Failed;

    /// <summary>The fraction of the time since it joined that it held a lease (0 at the moment it joins).</summary>
    public double Utilisation(DateTimeOffset now)
    {
        var present = (now - JoinedAt).TotalSeconds;
        return present <= 0 ? 0 : Math.Clamp(BusyTime.TotalSeconds / present, 0, 1);
    }
}

/// <summary>
/// The dispatcher's record of the devices of the live cluster (<c>daft nodes</c>, <c>GET /api/nodes</c>, the devices
/// gauges), kept by <see cref="DispatchState"/> as it leases and frees them: a device joins when it first talks to the
/// dispatcher (or, after a coordinator restart, when the ledger says it holds a lease), and leaves with its node. Busy
/// time runs from a lease to the end of the attempt, however it ends. Also counts how the farm's jobs ended since this
/// dispatcher started. Pure: the time is always a parameter.
/// </summary>
internal sealed class DeviceBook
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The device talked to the dispatcher: it joins now if it is new; a descriptor with its kind replaces one rebuilt
    /// from the ledger. <paramref name="asksForWork"/>: it is not draining (any more).
    /// </summary>
    public void Seen(DeviceDescriptor device, DateTimeOffset now, bool asksForWork = false)
    {
        var entry = EntryOf(device, now);
        if (asksForWork)
        {
            entry.Draining = false;
        }

        if (device.Kind.Length > 0)
        {
            entry.Device = device;
        }
    }

    /// <summary>The device was given <paramref name="jobId"/>: busy from now.</summary>
    public void Leased(DeviceDescriptor device, string jobId, int attempt, DateTimeOffset now)
    {
        var entry = EntryOf(device, now);
        entry.Close(now);
        entry.JobId = jobId;
        entry.Attempt = attempt;
        entry.BusySince = now;
        entry.Draining = false;
    }

    /// <summary>
    /// The device's attempt ended: <paramref name="outcome"/> "succeeded" or "failed" count as done; anything else
    /// (cancelled, lease lost, handed back, stuck) as interrupted.
    /// </summary>
    public void Freed(DeviceDescriptor device, string outcome, DateTimeOffset now)
    {
        if (!entries.TryGetValue(device.ToString(), out var entry))
        {
            return;
        }

        entry.Close(now);
        switch (outcome)
        {
            case "succeeded":
                entry.Succeeded++;
                break;
            case "failed":
                entry.Failed++;
                break;
            default:
                entry.Interrupted++;
                break;
        }
    }

    /// <summary>The device asks for no more work (its node is draining).</summary>
    public void Draining(DeviceDescriptor device)
    {
        if (entries.TryGetValue(device.ToString(), out var entry))
        {
            entry.Draining = true;
        }
    }

    /// <summary>The node left the cluster: its devices are gone (a device that comes back joins anew).</summary>
    public void NodeLeft(string node)
    {
        foreach (var key in entries.Where(pair => pair.Value.Device.Node == node).Select(pair => pair.Key).ToList())
        {
            entries.Remove(key);
        }
    }

    /// <summary>Every device, by node then device.</summary>
    public IReadOnlyList<DeviceUsage> Snapshot(DateTimeOffset now) =>
    [
        .. entries.Values.OrderBy(entry => entry.Device.Node, StringComparer.Ordinal).ThenBy(entry => entry.Device.Device, StringComparer.Ordinal)
            .Select(entry => entry.Usage(now)),
    ];

    private Entry EntryOf(DeviceDescriptor device, DateTimeOffset now)
    {
        var key = device.ToString();
        if (!entries.TryGetValue(key, out var entry))
        {
            entries[key] = entry = new Entry { Device = device, JoinedAt = now };
        }

        return entry;
    }

    private sealed class Entry
    {
        public required DeviceDescriptor Device { get; set; }
        public required DateTimeOffset JoinedAt { get; init; }
        public string? JobId { get; set; }
        public int Attempt { get; set; }
        public DateTimeOffset? BusySince { get; set; }
        public TimeSpan BusyTime { get; set; }
        public int Succeeded { get; set; }
        public int Failed { get; set; }
        public int Interrupted { get; set; }
        public bool Draining { get; set; }

        /// <summary>Ends the busy stretch that is open, if any.</summary>
        public void Close(DateTimeOffset now)
        {
            if (BusySince is { } since)
            {
                BusyTime += now > since ? now - since : TimeSpan.Zero;
            }

            BusySince = null;
            JobId = null;
            Attempt = 0;
        }

        public DeviceUsage Usage(DateTimeOffset now)
        {
            var busy = BusyTime + (BusySince is { } since && now > since ? now - since : TimeSpan.Zero);
            var state = BusySince is not null ? "busy" : Draining ? "draining" : "idle";
            return new DeviceUsage(Device, state, JoinedAt, JobId, Attempt, BusySince, busy, Succeeded, Failed, Interrupted);
        }
    }
}
