using System.Text.Json;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Tests.Support;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.Cli;

/// <summary><c>daft sweep list</c> and <c>daft sweep status [--watch]</c> in-process, reading a SQLite ledger with no coordinator running.</summary>
public sealed class SweepViewCommandTests : IDisposable
{
    private const string Epoch1 = """{"phase":"eval","epoch":1,"epochs":2,"train_loss":0.5,"id_val":0.9123,"ood":{}}""";
    private readonly TempFolder temp = new();
    private readonly SqliteLedger ledger;

    public SweepViewCommandTests()
    {
        ledger = new SqliteLedger(Database);
    }

    private string Database => Path.Combine(temp.Path, "daft.db");

    public void Dispose()
    {
        ledger.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void Sweep_list_shows_every_sweep_newest_first_with_its_counts_as_a_table_or_as_json()
    {
        var old = Plan("older", ManyJobs(2));
        var newer = Plan("newer", ManyJobs(3, lr: 0.2));
        ledger.Submit(old, At(0));
        ledger.Submit(newer, At(10));
        ledger.Write([new JobSucceededWrite(newer.Jobs[0].Id, 1, "{}", At(11))]);

        var text = CliRun.Daft("sweep", "list", "--db", Database);
        var json = CliRun.Daft("sweep", "list", "--db", Database, "--json");

        Assert.Equal(0, text.ExitCode);
        var lines = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id ", lines[0]);
        Assert.Matches($@"^{newer.SweepId}  newer  active\s+2026-12-01 12:00:10Z\s+3\s+1\s+0\s+2\s+0\s+0$", lines[2]);
        Assert.StartsWith($"{old.SweepId}  older", lines[3]);
        Assert.Equal(0, json.ExitCode);
        var sweeps = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(["newer", "older"], sweeps.EnumerateArray().Select(sweep => sweep.GetProperty("name").GetString()));
        Assert.Equal(1, sweeps[0].GetProperty("counts").GetProperty("succeeded").GetInt32());
        Assert.Equal(("active", 3, false), (sweeps[0].GetProperty("state").GetString(), sweeps[0].GetProperty("total").GetInt32(), sweeps[0].GetProperty("done").GetBoolean()));
        Assert.Equal("2026-12-01T12:00:10+00:00", sweeps[0].GetProperty("submitted_at").GetString());
    }

    [Fact]
    public void Sweep_status_by_name_shows_the_running_jobs_with_epoch_and_eta_and_the_failures_with_their_reasons()
    {
        var plan = Plan("status-text", ManyJobs(3));
        var (running, failed) = (plan.Jobs[0].Id, plan.Jobs[1].Id);
        ledger.Submit(plan, At(0));
        // Timed from now: the ETA counts from the moment the command looks.
        var start = DateTimeOffset.UtcNow.AddSeconds(-40);
        ledger.Write(
        [
            new JobLeasedWrite(running, 1, "akka.tcp://daft@10.0.0.7:4054", "cuda:0", start.AddSeconds(90), start),
            new JobStartedWrite(running, 1, start.AddSeconds(90), start),
            new JobProgressWrite(running, 1, Epoch1, start.AddSeconds(90), Milestone: true, start.AddSeconds(30)),
            new JobLeasedWrite(failed, 1, "n1", "cpu:0", At(60), At(1)),
            new JobFailedWrite(failed, 1, "CUDA out of memory", false, true, null, At(5)),
        ]);

        var result = CliRun.Daft("sweep", "status", "status-text", "--db", Database);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"sweep status-text ({plan.SweepId}): active, priority 0, submitted 2026-12-01 12:00:00Z", result.Output);
        Assert.Contains("3 jobs: 0/3 succeeded, 1 running, 1 pending, 1 failed, 0 cancelled", result.Output);
        // Epoch 1 took 30 s with the setup; 10 s of the second have passed: about 20 s left.
        Assert.Matches($@"{running}  ft digits small_cnn lr=0.01 run 1  10.0.0.7:4054/cuda:0\s+1/3\s+1/2\s+91.23\s+(19|20)s", result.Output);
        Assert.Contains($"12:00:05 FAILED    {failed} ft digits small_cnn lr=0.01 run 2 (attempt 1 on n1/cpu:0): CUDA out of memory", result.Output);
    }

    [Fact]
    public void Sweep_status_json_is_the_view_in_snake_case_and_the_start_of_an_id_finds_the_sweep()
    {
        var plan = Plan("status-json", ManyJobs(1));
        ledger.Submit(plan, At(0));
        ledger.Write([new JobCancelledWrite(plan.Jobs[0].Id, "cancelled by the user", At(3))]);

        var result = CliRun.Daft("sweep", "status", plan.SweepId[..6], "--db", Database, "--json");

        Assert.Equal(0, result.ExitCode);
        var view = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal((plan.SweepId, true, true), (view.GetProperty("id").GetString(), view.GetProperty("done").GetBoolean(), view.GetProperty("ended_with_failures").GetBoolean()));
        var failure = view.GetProperty("failures").EnumerateArray().Single();
        Assert.Equal(("cancelled", "cancelled by the user", plan.Jobs[0].Id), (failure.GetProperty("kind").GetString(), failure.GetProperty("reason").GetString(), failure.GetProperty("job_id").GetString()));
        Assert.Equal(0, view.GetProperty("running").GetArrayLength());
        Assert.Equal(1, view.GetProperty("counts").GetProperty("cancelled").GetInt32());
    }

    [Fact]
    public void An_unknown_or_ambiguous_sweep_and_a_ledger_that_does_not_exist_are_errors_and_nothing_is_created()
    {
        ledger.Submit(Plan("same", ManyJobs(1)), At(0));
        ledger.Submit(Plan("same", ManyJobs(1, lr: 0.3)), At(1));
        var missing = Path.Combine(temp.Path, "elsewhere", "none.db");

        var unknown = CliRun.Daft("sweep", "status", "nope", "--db", Database);
        var ambiguous = CliRun.Daft("sweep", "status", "same", "--db", Database);
        var noLedger = CliRun.Daft("sweep", "status", "x", "--db", missing);
        var emptyList = CliRun.Daft("sweep", "list", "--db", missing);

        Assert.Equal((2, $"sweep status: no sweep 'nope' (by id, name or start of id) in sqlite:{Database}\n"), (unknown.ExitCode, unknown.Error));
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("2 sweeps are named 'same'", ambiguous.Error);
        Assert.Equal(2, noLedger.ExitCode);
        Assert.Contains("does not exist yet", noLedger.Error);
        Assert.Equal((0, $"no sweeps in sqlite:{missing}\n"), (emptyList.ExitCode, emptyList.Output));
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Watching_in_a_log_prints_each_failure_with_its_reason_as_it_happens_and_exits_4_when_the_sweep_ends_with_failures()
    {
        var plan = Plan("watched", ManyJobs(2, lr: 0.4));
        var (ok, bad) = (plan.Jobs[0].Id, plan.Jobs[1].Id);
        ledger.Submit(plan, At(0));
        ledger.Write([new JobLeasedWrite(ok, 1, "n1", "cpu:0", At(60), At(1)), new JobStartedWrite(ok, 1, At(60), At(1))]);

        var watch = CliRun.DaftAsync("sweep", "status", "watched", "--watch", "--interval", "0.05", "--db", Database);
        await Task.Delay(400);
        ledger.Write([new JobLeasedWrite(bad, 1, "n1", "cpu:1", At(60), At(2)), new JobFailedWrite(bad, 1, "NaN loss at epoch 1", false, true, null, At(3))]);
        await Task.Delay(400);
        ledger.Write([new JobSucceededWrite(ok, 1, "{}", At(4))]);
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(4, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\] sweep watched \(\w+\): 0/2 succeeded, 1 running, 1 pending, 0 failed, 0 cancelled$", lines[0]);
        Assert.Contains(lines, line => line.EndsWith($"started {ok} ft digits small_cnn lr=0.4 run 1 on n1/cpu:0 (attempt 1/3)", StringComparison.Ordinal));
        var failedAt = Array.FindIndex(lines, line => line.Contains($"FAILED    {bad} ft digits small_cnn lr=0.4 run 2 (attempt 1 on n1/cpu:1): NaN loss at epoch 1", StringComparison.Ordinal));
        var doneAt = Array.FindIndex(lines, line => line.EndsWith("] 1/2 succeeded, 0 running, 0 pending, 1 failed, 0 cancelled", StringComparison.Ordinal));
        Assert.True(failedAt > 0 && doneAt > failedAt, result.Output);
        // The failure is printed once, in the log; the final status lists it again.
        Assert.Equal(1, lines.Take(doneAt).Count(line => line.Contains("NaN loss", StringComparison.Ordinal)));
        Assert.Contains("2 jobs: 1/2 succeeded, 0 running, 0 pending, 1 failed, 0 cancelled", result.Output);
    }

    [Fact]
    public async Task Watching_a_sweep_whose_jobs_all_succeed_exits_0_and_one_already_done_returns_at_once()
    {
        var plan = Plan("watched-ok", ManyJobs(1, lr: 0.5));
        ledger.Submit(plan, At(0));

        var watch = CliRun.DaftAsync("sweep", "status", plan.SweepId, "--watch", "--interval", "0.05", "--db", Database);
        await Task.Delay(300);
        ledger.Write([new JobSucceededWrite(plan.Jobs[0].Id, 1, "{}", At(1))]);
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(20));
        var again = await CliRun.DaftAsync("sweep", "status", plan.SweepId, "--watch", "--db", Database).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("] 1/1 succeeded, 0 running, 0 pending, 0 failed, 0 cancelled", result.Output);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("1 jobs: 1/1 succeeded", again.Output);
    }

    [Fact]
    public async Task Watching_as_json_writes_one_view_per_change()
    {
        var plan = Plan("watched-json", ManyJobs(1, lr: 0.6));
        ledger.Submit(plan, At(0));

        var watch = CliRun.DaftAsync("sweep", "status", plan.SweepId, "--watch", "--json", "--interval", "0.05", "--db", Database);
        await Task.Delay(300);
        ledger.Write([new JobFailedWrite(plan.Jobs[0].Id, 0, "depends on job x, which failed", false, true, null, At(1))]);
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(4, result.ExitCode);
        var views = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([false, true], views.Select(view => view.GetProperty("done").GetBoolean()));
        Assert.Equal(JobState.Failed.Text(), views[1].GetProperty("failures")[0].GetProperty("kind").GetString());
    }
}
