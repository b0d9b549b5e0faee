using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Tests.Support;

namespace Daft.Integration.Tests;

/// <summary>
/// Job processes that misbehave on one real node (<c>daft serve</c> + <c>daft-node serve</c> on 127.0.0.1): a hang
/// (no progress ever), a segfault, a non-zero exit and an out-of-memory, injected by <c>$DAFT_FAULT</c> (test-only,
/// src/GpuNode/Jobs/FaultInjection.cs), and a real NaN loss (a learning rate of 1e30). Each ends as it should — the
/// retryable ones retried up to the sweep's attempts, OOM and NaN failed at once — with its reason in the ledger, and
/// the same node process runs the healthy jobs of the sweep to success.
/// </summary>
public sealed class JobFaultTests
{
    [Fact]
    public async Task Hung_crashing_failing_oom_and_nan_jobs_end_with_their_reasons_and_the_node_keeps_working()
    {
        using var temp = new TempFolder();
        var (db, port) = (Path.Combine(temp.Path, "daft.db"), LocalFarm.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var ledger = new SqliteLedger(db);
        var plan = TinySweep.Plan("faults", jobs: 6, maxAttempts: 2);
        var nan = TinySweep.Plan("nan", jobs: 1, maxAttempts: 2, lr: 1e30);
        ledger.Submit(plan, DateTimeOffset.UtcNow);
        ledger.Submit(nan, DateTimeOffset.UtcNow);
        var (hang, segfault, exit, oom) = (plan.Jobs[0].Id, plan.Jobs[1].Id, plan.Jobs[2].Id, plan.Jobs[3].Id);
        var fault = $"hang@{hang},segfault@{segfault},exit:3@{exit},oom@{oom}";
        // --stuck-after 0.4 min: a hung job is stopped after 24 s; a healthy tiny job reports progress far more often,
        // even on a loaded 2-core machine.
        using var coordinator = FarmProcess.Daft("serve", "--port", port, "--db", db, "--home", temp.Path, "--lease", "3", "--stable-after", "2",
            "--stuck-after", "0.4", "--api-port", "0");
        using var node = FarmProcess.NodeWith(new Dictionary<string, string> { ["DAFT_FAULT"] = fault },
            "serve", "--seed", $"127.0.0.1:{port}", "--devices", "cpu:2", "--home", temp.Path, "--heartbeat", "0.5", "--stable-after", "2", "--log-level", "INFO");

        var all = plan.Jobs.Concat(nan.Jobs).ToArray();
        await TinySweeps.WaitFor(() => all.All(job => ledger.Job(job.Id)!.State.IsTerminal()), TimeSpan.FromMinutes(4),
            () => $"every job ended\n--- coordinator\n{coordinator.Output}\n--- node\n{node.Output}");

        void Ended(string id, string reasonStart, int attempts)
        {
            var job = ledger.Job(id)!;
            Assert.True(job.State == JobState.Failed && job.Reason is not null && job.Reason.StartsWith(reasonStart, StringComparison.Ordinal),
                $"job {id}: {job.State.Text()}: {job.Reason}");
            Assert.Equal(attempts, ledger.Events(id).Count(row => row.Kind == "started"));
            Assert.NotEqual("succeeded", ledger.Result(id)?.Status);
        }

        Ended(hang, "stuck: no progress for 0.4 min (attempt 2 of 2)", attempts: 2);
        Ended(segfault, "job process killed by signal 11 (SIGSEGV)", attempts: 2);
        Ended(exit, "DAFT_FAULT: injecting 'exit:3' (attempt 2 of 2)", attempts: 2);
        Ended(oom, "out of memory: ", attempts: 1);
        Ended(nan.Jobs[0].Id, "loss became NaN at epoch 1", attempts: 1);
        foreach (var healthy in plan.Jobs.Skip(4))
        {
            Assert.Equal(JobState.Succeeded, ledger.Job(healthy.Id)!.State);
            Assert.Single(ledger.Events(healthy.Id), row => row.Kind == "succeeded");
        }

        Assert.False(node.HasExited, node.Output);
        await TinySweeps.AssertNoJobProcessesUnder(temp.Path);
    }
}
