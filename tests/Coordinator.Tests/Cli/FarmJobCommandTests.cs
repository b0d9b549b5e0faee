using System.Text.Json;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Cli;

/// <summary>`daft job show|logs|retry|cancel` on the jobs of a ledger, with no cluster running.</summary>
public sealed class FarmJobCommandTests : IDisposable
{
    // run_num 1 and 2 of lp -> lp_ft, and ft: run 1's lp failed, so its lp_ft failed too; run 2 succeeded; ft run 2 pending.
    private const string Sweep = """
        name: chain
        device: cpu
        defaults: {epochs: 1}
        grid:
          dataset: [digits_shift]
          backbone: [small_cnn]
          run_num: [1, 2]
        methods:
          lp: {c_num: 5}
          lp_ft: {lr: 0.001}
          ft: {lr: 0.01}
        """;

    private readonly TempFolder _folder = new();
    private readonly string _db;
    private readonly SweepPlan _plan;

    public FarmJobCommandTests()
    {
        _db = Path.Combine(_folder.Path, "daft.db");
        _plan = ResultLedgers.Create(_db, _folder.Write("chain.yaml", Sweep), job => (job.Spec.Method.Name, job.Spec.RunNum) switch
        {
            ("lp", 1) => JobEnd.Failed("exit code 1: features file truncated"),
            ("lp_ft", 1) => JobEnd.Failed($"depends on job {job.DependsOn[0]}, which failed"),
            ("ft", 2) => null,
            _ => JobEnd.Succeeded(("id_val", 0.9), ("mnist_m", 0.5)),
        });
    }

    private string Id(string method, int runNum) => _plan.Jobs.Single(job => job.Spec.Method.Name == method && job.Spec.RunNum == runNum).Id;

    private CliResult Daft(params string[] args) => CliRun.Daft([.. args, "--db", _db, "--home", _folder.Path]);

    [Fact]
    public void Show_prints_state_reason_result_and_history_and_json_holds_the_same()
    {
        var failed = Daft("job", "show", Id("lp", 1)[..8]);
        var succeeded = Daft("job", "show", Id("ft", 1));
        var json = Daft("job", "show", Id("ft", 1), "--json");

        Assert.Equal(0, failed.ExitCode);
        Assert.Contains($"job {Id("lp", 1)}: lp on digits_shift, small_cnn, run 1", failed.Output);
        Assert.Contains("state     failed (attempt 1 of at most 3): exit code 1: features file truncated", failed.Output);
        Assert.Contains("ran on    node-1 cpu:0", failed.Output);
        Assert.Contains("  2026-12-01 12:00:00  failed      attempt 1 node-1 cpu:0: exit code 1: features file truncated", failed.Output);
        Assert.Contains("result    succeeded, epoch 1 of 0: id_val 90.00  mnist_m 50.00", succeeded.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("succeeded", document.RootElement.GetProperty("job").GetProperty("state").GetString());
        Assert.Equal(0.9, document.RootElement.GetProperty("result").GetProperty("final")[0].GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void Retry_sends_the_failed_job_and_the_jobs_it_blocked_back_to_pending()
    {
        var result = Daft("job", "retry", Id("lp", 1));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"and job {Id("lp_ft", 1)} (lp_ft, run 1), which failed because of it", result.Output);
        using var ledger = LedgerFactory.Open(_db);
        Assert.Equal((JobState.Pending, 0), (ledger.Job(Id("lp", 1))!.State, ledger.Job(Id("lp", 1))!.Attempt));
        Assert.Equal(JobState.Pending, ledger.Job(Id("lp_ft", 1))!.State);
        Assert.Equal(JobState.Succeeded, ledger.Job(Id("lp", 2))!.State);
    }

    [Fact]
    public void Retry_with_only_leaves_the_dependents_and_a_succeeded_job_is_left_alone()
    {
        var only = Daft("job", "retry", Id("lp", 1), "--only");
        var done = Daft("job", "retry", Id("ft", 1));

        Assert.Equal(0, only.ExitCode);
        using var ledger = LedgerFactory.Open(_db);
        Assert.Equal(JobState.Failed, ledger.Job(Id("lp_ft", 1))!.State);
        Assert.Equal(0, done.ExitCode);
        Assert.Contains("is succeeded: only a failed or cancelled job is retried; nothing changed", done.Output);
    }

    [Fact]
    public void Cancel_ends_a_pending_job_and_says_so_for_a_finished_one()
    {
        var pending = Daft("job", "cancel", Id("ft", 2));
        var finished = Daft("job", "cancel", Id("ft", 1));

        Assert.Equal(0, pending.ExitCode);
        Assert.Contains("cancelled in sqlite:", pending.Output);
        using var ledger = LedgerFactory.Open(_db);
        Assert.Equal((JobState.Cancelled, "cancelled by the user"), (ledger.Job(Id("ft", 2))!.State, ledger.Job(Id("ft", 2))!.Reason));
        Assert.Contains("is succeeded already; nothing changed", finished.Output);
    }

    [Fact]
    public void Logs_prints_the_latest_attempt_or_the_one_asked_for_and_names_the_folder_when_there_is_none()
    {
        var id = Id("lp", 1);
        var folder = Path.Combine(_folder.Path, "jobs", id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "attempt-1.log"), "first attempt\n");
        File.WriteAllText(Path.Combine(folder, "attempt-2.log"), "second attempt\n");

        var latest = Daft("job", "logs", id);
        var first = Daft("job", "logs", id, "--attempt", "1");
        var none = Daft("job", "logs", Id("ft", 2));

        Assert.Equal("second attempt\n", latest.Output);
        Assert.Equal("first attempt\n", first.Output);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains($"no log of any attempt of job {Id("ft", 2)} in {Path.Combine(_folder.Path, "jobs", Id("ft", 2))} (it has not run yet)", none.Error);
    }

    [Fact]
    public void An_unknown_job_exits_2()
    {
        var result = Daft("job", "show", "ffffffff");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no job `ffffffff`", result.Error);
    }

    public void Dispose() => _folder.Dispose();
}
