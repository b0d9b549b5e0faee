using System.Diagnostics;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Tests.Support;

namespace Daft.Integration.Tests;

/// <summary>
/// <c>daft serve</c> and <c>daft-node serve</c> processes on 127.0.0.1, driven as an operator would: SIGTERM to a node
/// (what Kubernetes sends) and <c>daft sweep cancel</c>.
/// </summary>
public sealed class ClusterControlTests
{
    [Fact]
    public async Task A_node_given_SIGTERM_hands_its_job_back_and_leaves_and_another_node_finishes_the_sweep()
    {
        using var temp = new TempFolder();
        var (db, port) = (Path.Combine(temp.Path, "daft.db"), LocalFarm.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var ledger = new SqliteLedger(db);
        var plan = TinySweep.Plan("drain", jobs: 4, epochs: 4);
        ledger.Submit(plan, DateTimeOffset.UtcNow);
        // No HTTP API: tests run side by side, and two coordinators cannot both have its default port.
        using var coordinator = FarmProcess.Daft("serve", "--port", port, "--db", db, "--home", temp.Path, "--lease", "3", "--stable-after", "2", "--api-port", "0");
        using var first = Node(temp.Path, port);

        await TinySweeps.WaitFor(() => ledger.OpenJobs().Any(job => job.State == JobState.Running), TimeSpan.FromMinutes(2),
            () => $"a running job\n--- coordinator\n{coordinator.Output}\n--- node\n{first.Output}");
        var clock = Stopwatch.StartNew();
        Process.Start("kill", ["-TERM", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(30)), $"the node did not exit:\n{first.Output}");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"draining took {clock.Elapsed.TotalSeconds:0} s");
        Assert.Contains("stopping: draining devices and leaving the cluster", first.Output);
        Assert.Contains(plan.Jobs, job => ledger.Events(job.Id).Any(row => row.Kind == "requeued" && row.Detail == "the node is shutting down"));
        await TinySweeps.AssertNoJobProcessesUnder(temp.Path);

        using var second = Node(temp.Path, port);
        await TinySweeps.WaitFor(() => plan.Jobs.All(job => ledger.Job(job.Id)!.State == JobState.Succeeded), TimeSpan.FromMinutes(3),
            () => $"every job done\n--- coordinator\n{coordinator.Output}\n--- second node\n{second.Output}");
        TinySweeps.AssertEachSucceededOnce(ledger, plan);
    }

    [Fact]
    public async Task Daft_sweep_cancel_stops_the_running_jobs_and_drops_the_queued_ones()
    {
        using var temp = new TempFolder();
        var (db, port) = (Path.Combine(temp.Path, "daft.db"), LocalFarm.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var ledger = new SqliteLedger(db);
        var plan = TinySweep.Plan("cancel", jobs: 6, epochs: 20);
        ledger.Submit(plan, DateTimeOffset.UtcNow);
        // No HTTP API: tests run side by side, and two coordinators cannot both have its default port.
        using var coordinator = FarmProcess.Daft("serve", "--port", port, "--db", db, "--home", temp.Path, "--lease", "3", "--stable-after", "2", "--api-port", "0");
        using var node = Node(temp.Path, port);
        await TinySweeps.WaitFor(() => ledger.OpenJobs().Any(job => job.State == JobState.Running), TimeSpan.FromMinutes(2),
            () => $"a running job\n--- coordinator\n{coordinator.Output}\n--- node\n{node.Output}");

        using var cancel = FarmProcess.Daft("sweep", "cancel", plan.SweepId, "--db", db);
        Assert.True(await cancel.WaitAsync(TimeSpan.FromSeconds(30)), "daft sweep cancel did not finish");
        Assert.Contains("cancelled", cancel.Output);

        await TinySweeps.WaitFor(() => plan.Jobs.All(job => ledger.Job(job.Id)!.State.IsTerminal()), TimeSpan.FromSeconds(30),
            () => $"every job ended\n--- coordinator\n{coordinator.Output}");
        Assert.Contains(plan.Jobs, job => ledger.Job(job.Id)!.State == JobState.Cancelled);
        Assert.Equal("cancelled", ledger.Sweep(plan.SweepId)!.State);
        await TinySweeps.AssertNoJobProcessesUnder(temp.Path);
        Assert.False(node.HasExited);
    }

    private static FarmProcess Node(string home, string port) =>
        FarmProcess.Node("serve", "--seed", $"127.0.0.1:{port}", "--devices", "cpu:2", "--home", home, "--heartbeat", "0.5",
            "--stable-after", "2", "--log-level", "INFO");
}
