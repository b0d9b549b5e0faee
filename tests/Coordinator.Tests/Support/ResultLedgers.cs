using System.Text.Json;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Sweeps;
using Daft.Shared.Results;

namespace Daft.Coordinator.Tests.Support;

/// <summary>
/// A SQLite ledger holding one planned sweep whose jobs have ended as a test says: each job's outcome comes from a
/// function of the planned job (null = leave it pending; a reason = failed with it; accuracies = succeeded with a
/// result.json holding them as fractions, id_val first).
/// </summary>
internal static class ResultLedgers
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static SweepPlan Create(string db, string sweepFile, Func<PlannedJob, JobEnd?> end)
    {
        var plan = SweepLoader.Load(sweepFile);
        using var ledger = LedgerFactory.Open(db);
        ledger.Submit(plan, Now);
        var writes = new List<LedgerWrite>();
        foreach (var job in plan.Jobs)
        {
            if (end(job) is not { } outcome)
            {
                continue;
            }

            writes.Add(new JobLeasedWrite(job.Id, 1, "node-1", "cpu:0", Now.AddMinutes(5), Now));
            writes.Add(outcome.Reason is { } reason
                ? new JobFailedWrite(job.Id, 1, reason, false, Final: true, ResultJson: null, Now)
                : new JobSucceededWrite(job.Id, 1, Result(job, outcome.Accuracies).ToJson(), Now));
        }

        ledger.Write(writes);
        return plan;
    }

    /// <summary>A succeeded result with these accuracies (fractions) at its chosen epoch.</summary>
    public static RunResult Result(PlannedJob job, IReadOnlyList<(string Set, double Accuracy)> accuracies) => new(
        job.Id, job.Spec.Method.Name, job.Spec.Dataset, job.Spec.Backbone, job.Spec.RunNum, job.Spec.Seed, "succeeded", null, 1,
        [.. accuracies.Select(pair => new SetMetrics(pair.Set, pair.Accuracy, 0.5, 100))], [], [], null, null,
        new Timings(1, 0, 0, 0, 0, 0, 0), new RunEnvironment("0.1.0", "0.107.0", "2.10.0", "10.0", "cpu", 1, "host"),
        JsonDocument.Parse("{}").RootElement.Clone());
}

/// <summary>How a job of <see cref="ResultLedgers"/> ended: failed with <see cref="Reason"/>, else succeeded with <see cref="Accuracies"/>.</summary>
internal sealed record JobEnd(string? Reason, IReadOnlyList<(string Set, double Accuracy)> Accuracies)
{
    public static JobEnd Failed(string reason) => new(reason, []);

    public static JobEnd Succeeded(params (string Set, double Accuracy)[] accuracies) => new(null, accuracies);
}
