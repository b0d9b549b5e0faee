using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Ledger;
using Daft.Shared.Results;
using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Support;

/// <summary>
/// A hand-built sweep in a SQLite ledger in a temp folder, as the farm would leave it: jobs with real resolved specs
/// (digits_inverted, small_cnn, ID val and the OOD set "digits"), each succeeded with a result.json built from
/// <see cref="RunResult"/> records, failed, or still pending.
/// </summary>
internal sealed class ResultLedger : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<(PlannedJob Job, RunResult? Result, string? Failure)> _jobs = [];

    public string Database => Path.Combine(_folder.Path, "daft.db");

    /// <summary>The folder plots and event files go to in a test.</summary>
    public string Output => Path.Combine(_folder.Path, "out");

    /// <summary>A job of <paramref name="method"/> ("lp", "ft", "lp_ft", "daft"); LP takes no learning rate, DAFT a head_lr too.</summary>
    public static PlannedJob Job(string method, int runNum, double? lr = null, double? headLr = null, string? role = null)
    {
        var rates = string.Concat(
            lr is { } value ? $"\n  lr: {value.ToString(CultureInfo.InvariantCulture)}" : "",
            headLr is { } head ? $"\n  head_lr: {head.ToString(CultureInfo.InvariantCulture)}" : "");
        var spec = JobSpecLoader.Parse($"dataset: digits_inverted\nbackbone: small_cnn\nmethod:\n  name: {method}{rates}\nepochs: 3\nrun_num: {runNum}\n", "job.yaml");
        var tags = role is null ? ImmutableSortedDictionary<string, string>.Empty : ImmutableSortedDictionary<string, string>.Empty.Add("role", role);
        return new PlannedJob(JobIdentity.IdOf(spec), spec, [], tags, DeviceRequirement.Any);
    }

    /// <summary>
    /// A succeeded result: ID val and "digits" accuracies (fractions) at the chosen epoch, the last of
    /// <paramref name="epochs"/> epochs that climb to them, learning rates of a per-epoch cosine from 0.01 / 0.1.
    /// </summary>
    public static RunResult Result(PlannedJob job, double idVal, double digits, int epochs = 3)
    {
        var final = ImmutableArray.Create(new SetMetrics("id_val", idVal, 0.2, 445), new SetMetrics("digits", digits, 2.5, 445));
        var history = Enumerable.Range(1, epochs).Select(epoch =>
        {
            var share = (double)epoch / epochs;
            var cosine = (1 + Math.Cos(Math.PI * (epoch - 1) / epochs)) / 2;
            return new EpochMetrics(epoch, [0.01 * cosine, 0.1 * cosine], 2.0 - share, 0.5 + 0.4 * share,
                [new SetMetrics("id_val", idVal * share, 1 - 0.8 * share, 445), new SetMetrics("digits", digits * share, 3 - share, 445)],
                epoch * 1.5);
        }).ToImmutableArray();
        return new RunResult(job.Id, job.Spec.Method.Name, job.Spec.Dataset, job.Spec.Backbone, job.Spec.RunNum, job.Spec.Seed, "succeeded",
            null, epochs, final, history, [], null, null, new Timings(10, 1, 0, 0, 7, 2, 300),
            new RunEnvironment("0.1.0", "0.107.0", "2.10.0", "10.0", "cpu", 2, "node-1"),
            JsonDocument.Parse("""{"dataset": "digits_inverted"}""").RootElement.Clone());
    }

    public ResultLedger Succeeded(PlannedJob job, RunResult result)
    {
        _jobs.Add((job, result, null));
        return this;
    }

    public ResultLedger Failed(PlannedJob job, string reason)
    {
        _jobs.Add((job, null, reason));
        return this;
    }

    public ResultLedger Pending(PlannedJob job)
    {
        _jobs.Add((job, null, null));
        return this;
    }

    /// <summary>Records the sweep and the jobs' ends; returns the sweep's id.</summary>
    public string Write(string name)
    {
        using var ledger = new SqliteLedger(Database);
        var plan = LedgerPlans.Plan(name, _jobs.Select(entry => entry.Job));
        ledger.Submit(plan, LedgerPlans.T0);
        ledger.Write(
        [
            .. _jobs.Select((entry, index) => (LedgerWrite?)(entry switch
            {
                { Result: { } result } => new JobSucceededWrite(entry.Job.Id, 1, result.ToJson(), LedgerPlans.At(10 + index)),
                { Failure: { } reason } => new JobFailedWrite(entry.Job.Id, 1, reason, Retryable: false, Final: true, null, LedgerPlans.At(10 + index)),
                _ => null,
            })).OfType<LedgerWrite>(),
        ]);
        return plan.SweepId;
    }

    public void Dispose() => _folder.Dispose();
}
