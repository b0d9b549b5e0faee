using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Farm.Dispatch;

// What the dispatcher knows of the live cluster's devices and of how jobs ended: for `daft nodes`, GET /api/nodes and
// the metrics. Bookkeeping only: nothing here decides what runs where.
public sealed partial class DispatchState
{
    private readonly DeviceBook book = new();
    private readonly Dictionary<JobState, long> ended = [];

    /// <summary>Every device of the live cluster with what it runs and its utilisation since it joined, by node then device.</summary>
    public IReadOnlyList<DeviceUsage> Devices(DateTimeOffset now) => book.Snapshot(now);

    /// <summary>Jobs that ended since this state was created, by how: succeeded, failed or cancelled (retries are not ends).</summary>
    public IReadOnlyDictionary<JobState, long> Ended => ended;

    private void Ends(JobState state) => ended[state] = ended.GetValueOrDefault(state) + 1;
}
