using System.Diagnostics;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Prometheus;

namespace Daft.Coordinator.Api;

/// <summary>
/// The ledger with its write transactions timed into a histogram (<c>daft_ledger_write_seconds</c>): the dispatcher's
/// group commit is the farm's critical path, and a slow database shows here before it shows as idle devices. Reads and
/// everything else pass straight through. Does not own <paramref name="inner"/>: disposing it leaves that open.
/// </summary>
public sealed class MeasuredLedger(IJobLedger inner, Histogram latency) : IJobLedger
{
    public string Description => inner.Description;

    public SubmitOutcome Submit(SweepPlan plan, DateTimeOffset now) => inner.Submit(plan, now);

    public void Write(IReadOnlyList<LedgerWrite> writes)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            inner.Write(writes);
        }
        finally
        {
            latency.Observe(clock.Elapsed.TotalSeconds);
        }
    }

    public IReadOnlyList<StoredJob> OpenJobs() => inner.OpenJobs();

    public IReadOnlyDictionary<string, JobState> States(IReadOnlyCollection<string> jobIds) => inner.States(jobIds);

    public StoredJob? Job(string jobId) => inner.Job(jobId);

    public IReadOnlyList<StoredJob> JobsOfSweep(string sweepId) => inner.JobsOfSweep(sweepId);

    public StoredSweep? Sweep(string sweepId) => inner.Sweep(sweepId);

    public SweepSnapshot? SnapshotOfSweep(string sweepId, Func<StoredJob, bool> historyOf) => inner.SnapshotOfSweep(sweepId, historyOf);

    public IReadOnlyList<StoredSweep> Sweeps() => inner.Sweeps();

    public IReadOnlyList<JobEventRow> Events(string jobId) => inner.Events(jobId);

    public StoredResult? Result(string jobId) => inner.Result(jobId);

    public IReadOnlyList<StoredResult> ResultsOfSweep(string sweepId) => inner.ResultsOfSweep(sweepId);

    public void Dispose()
    {
    }
}
