using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Tests.Support;

namespace Daft.Integration.Tests;

/// <summary>
/// Local mode end to end: a coordinator in this process, two <c>daft-node serve</c> processes on 127.0.0.1, real jobs in
/// child processes. Short leases and heartbeats so that failures are noticed in seconds.
/// </summary>
public sealed class LocalFarmTests
{
    private static readonly DispatchSettings Fast = new(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5), 5);

    private static LocalFarmOptions Options(string home, int nodes) =>
        new(home, nodes, "cpu:1", "process", Fast, TimeSpan.FromSeconds(2), Interactive: false)
        {
            NodeArguments = ["--heartbeat", "0.5", "--stable-after", "2", "--log-level", "INFO"],
        };

    [Fact]
    public async Task A_sweep_runs_on_two_nodes_once_and_a_second_submission_runs_nothing()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var plan = TinySweep.Plan("two-nodes", jobs: 6);
        var output = new StringWriter();

        var status = await LocalFarm.RunAsync(plan, ledger, Options(temp.Path, nodes: 2), output, CancellationToken.None);

        Assert.True(status is { Done: true }, output.ToString());
        TinySweeps.AssertEachSucceededOnce(ledger, plan);
        var nodes = plan.Jobs.Select(job => ledger.Job(job.Id)!.Node).Distinct().Count();
        Assert.True(nodes == 2, $"jobs ran on {nodes} node(s):\n{output}");
        foreach (var job in plan.Jobs)
        {
            Assert.True(File.Exists(Path.Combine(temp.Path, "jobs", job.Id, "model.safetensors")));
        }

        var again = new StringWriter();
        Assert.Null(await LocalFarm.RunAsync(plan, ledger, Options(temp.Path, nodes: 2), again, CancellationToken.None));
        Assert.Contains("6 already succeeded, 0 to run", again.ToString());
        Assert.Single(ledger.Events(plan.Jobs[0].Id), row => row.Kind == "started");

        // An enlarged grid: only the new points run.
        var bigger = TinySweep.Plan("two-nodes-bigger", jobs: 8);
        var third = new StringWriter();
        await LocalFarm.RunAsync(bigger, ledger, Options(temp.Path, nodes: 1), third, CancellationToken.None);
        Assert.Contains("6 already succeeded, 2 to run", third.ToString());
        TinySweeps.AssertEachSucceededOnce(ledger, bigger);
    }

    [Fact]
    public async Task Killing_a_node_mid_job_loses_nothing_and_runs_every_job_exactly_once()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var plan = TinySweep.Plan("kill-node", jobs: 8, epochs: 3);
        var output = new StringWriter();
        var killed = 0;
        var options = Options(temp.Path, nodes: 2) with
        {
            OnNodesStarted = nodes => _ = Task.Run(async () =>
            {
                // Kill -9 a node running a job, twice, while the sweep goes on. The first kill waits until both
                // nodes' one slot each runs a job, so whichever node it kills holds one (the ledger does not say
                // which process a node address is); the second only needs a job running somewhere.
                for (var round = 0; round < 2; round++)
                {
                    var busy = round == 0 ? 2 : 1;
                    await TinySweeps.WaitFor(() => ledger.OpenJobs().Count(job => job.State == JobState.Running) >= busy, TimeSpan.FromMinutes(2),
                        () => $"{busy} running job(s)");
                    var victim = nodes.ProcessIds.FirstOrDefault();
                    if (victim == 0)
                    {
                        return;
                    }

                    System.Diagnostics.Process.GetProcessById(victim).Kill(entireProcessTree: false);
                    Interlocked.Increment(ref killed);
                    await Task.Delay(TimeSpan.FromSeconds(4));
                }
            }),
        };

        var status = await LocalFarm.RunAsync(plan, ledger, options, output, CancellationToken.None);

        Assert.True(status is { Done: true }, output.ToString());
        Assert.Equal(2, killed);
        TinySweeps.AssertEachSucceededOnce(ledger, plan);
        var requeued = plan.Jobs.Count(job => ledger.Events(job.Id).Any(row => row.Kind is "requeued" or "retry"));
        Assert.True(requeued >= 1, $"no job was hit by the kills:\n{output}");
        Assert.Contains("starting it again", output.ToString());
        await TinySweeps.AssertNoJobProcessesUnder(temp.Path);
    }

    [Fact]
    public async Task Killing_nodes_three_times_in_a_sweep_of_150_jobs_loses_none_and_duplicates_none()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var plan = TinySweep.Plan("kill-nodes-150", jobs: 150);
        var output = new StringWriter();
        var killed = 0;
        int Succeeded() => ledger.ResultsOfSweep(plan.SweepId).Count;
        // noop:1: every attempt takes a second and trains nothing, so 150 jobs on 4 slots cost about 40 s and a kill
        // always lands on running jobs (the noop runs inside the node process: killing the node kills its jobs mid-run).
        var options = new LocalFarmOptions(temp.Path, 2, "cpu:2", "noop:1", Fast, TimeSpan.FromSeconds(2), Interactive: false)
        {
            NodeArguments = ["--heartbeat", "0.5", "--stable-after", "2", "--log-level", "INFO"],
            OnNodesStarted = nodes => _ = Task.Run(async () =>
            {
                var resultsAtLastKill = 5;
                for (var round = 1; round <= 3; round++)
                {
                    // Each kill once the farm has recovered from the one before: both nodes up and 10 more results,
                    // and never within 10 s of it. Two nodes killed inside the split-brain resolver's stable-after
                    // window can make Akka down every member, the coordinator too (see tests/README.md).
                    var after = resultsAtLastKill + 10;
                    await Task.Delay(round == 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(10));
                    await TinySweeps.WaitFor(() => Succeeded() >= after && nodes.ProcessIds.Count == 2 && ledger.OpenJobs().Any(job => job.State == JobState.Running),
                        TimeSpan.FromMinutes(2), () => $"kill {round}: {after} results, both nodes and a running job");
                    resultsAtLastKill = Succeeded();
                    System.Diagnostics.Process.GetProcessById(nodes.ProcessIds[round % 2]).Kill(entireProcessTree: false);
                    Interlocked.Increment(ref killed);
                }
            }),
        };

        var status = await LocalFarm.RunAsync(plan, ledger, options, output, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(4));

        Assert.True(status is { Done: true }, output.ToString());
        Assert.Equal(3, killed);
        TinySweeps.AssertEachSucceededOnce(ledger, plan);
        var interrupted = plan.Jobs.Count(job => ledger.Events(job.Id).Any(row => row.Kind is "requeued" or "retry"));
        Assert.True(interrupted >= 3, $"{interrupted} job(s) were hit by the 3 kills:\n{output}");
        Assert.True(System.Text.RegularExpressions.Regex.Count(output.ToString(), "starting it again") >= 3, output.ToString());
    }
}
