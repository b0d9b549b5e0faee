using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;

namespace Daft.Coordinator.Farm.Dispatch;

/// <summary>A message for one device.</summary>
public sealed record ToDevice(DeviceDescriptor Device, object Message);

/// <summary>A job changed state; the sweeps it belongs to hear of it (live status, completion).</summary>
public sealed record JobChanged(string JobId, IReadOnlyList<string> Sweeps, JobState State, int Attempt, string? Device, string? Reason, string? ProgressJson);

/// <summary>
/// What one step of <see cref="DispatchState"/> decided: the ledger writes to make durable first, then the messages to
/// send (to devices, and state changes for the sweeps). The dispatcher actor sends nothing before the writes commit.
/// </summary>
public sealed class DispatchOutput
{
    public List<LedgerWrite> Writes { get; } = [];
    public List<ToDevice> Messages { get; } = [];
    public List<JobChanged> Changes { get; } = [];

    public bool IsEmpty => Writes.Count == 0 && Messages.Count == 0 && Changes.Count == 0;

    public void Append(DispatchOutput other)
    {
        Writes.AddRange(other.Writes);
        Messages.AddRange(other.Messages);
        Changes.AddRange(other.Changes);
    }
}
