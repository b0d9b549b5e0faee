namespace Daft.Coordinator.Farm.Dispatch;

/// <summary>
/// The jobs that may run now, in dispatch order: higher priority first; within a priority the sweep with the fewest
/// running jobs (fair share between sweeps); within a sweep submission order. A device takes the first job in that
/// order whose requirement it meets. O(log n) per add, remove and pick for the usual single-requirement case.
/// </summary>
internal sealed class ReadyQueue
{
    // Key = -priority so that enumeration runs from the highest priority down.
    private readonly SortedDictionary<int, Dictionary<string, SortedSet<(long Seq, string Id)>>> levels = [];
    private readonly Dictionary<string, (int Key, string Sweep, long Seq)> positions = new(StringComparer.Ordinal);

    public int Count => positions.Count;

    public bool Contains(string jobId) => positions.ContainsKey(jobId);

    public void Add(DispatchJob job)
    {
        var key = -job.Priority;
        var sweep = job.PrimarySweep;
        if (!levels.TryGetValue(key, out var sweeps))
        {
            levels[key] = sweeps = new Dictionary<string, SortedSet<(long, string)>>(StringComparer.Ordinal);
        }

        if (!sweeps.TryGetValue(sweep, out var queue))
        {
            sweeps[sweep] = queue = [];
        }

        queue.Add((job.Seq, job.Id));
        positions[job.Id] = (key, sweep, job.Seq);
    }

    public bool Remove(string jobId)
    {
        if (!positions.Remove(jobId, out var position))
        {
            return false;
        }

        var sweeps = levels[position.Key];
        var queue = sweeps[position.Sweep];
        queue.Remove((position.Seq, jobId));
        if (queue.Count == 0)
        {
            sweeps.Remove(position.Sweep);
            if (sweeps.Count == 0)
            {
                levels.Remove(position.Key);
            }
        }

        return true;
    }

    /// <summary>The first job in dispatch order that <paramref name="allows"/> accepts (the device meets its requirement), or null.</summary>
    public string? Pick(Func<string, bool> allows, IReadOnlyDictionary<string, int> runningPerSweep)
    {
        foreach (var sweeps in levels.Values)
        {
            var order = sweeps
                .OrderBy(pair => runningPerSweep.GetValueOrDefault(pair.Key))
                .ThenBy(pair => pair.Value.Min.Seq);
            foreach (var (_, queue) in order)
            {
                foreach (var (_, id) in queue)
                {
                    if (allows(id))
                    {
                        return id;
                    }
                }
            }
        }

        return null;
    }
}
