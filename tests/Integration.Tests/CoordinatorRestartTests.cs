using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Integration.Tests;

/// <summary>
/// A real cluster of processes: <c>daft serve</c> and <c>daft-node serve</c> on 127.0.0.1, the sweep submitted to the
/// ledger the coordinator watches. The coordinator is killed with SIGKILL mid-sweep and started again: it rebuilds its
/// state from the ledger, the node rejoins, nothing finished runs again and nothing running is lost — on SQLite and on
/// a PostgreSQL server of the test's own (<see cref="PostgresServer"/>; CI installs the binaries, so the test fails
/// rather than skips where they are missing).
/// </summary>
public sealed class CoordinatorRestartTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_and_restarting_the_coordinator_loses_nothing_and_reruns_nothing(string backend)
    {
        using var temp = new TempFolder();
        using var postgres = backend == "postgres" ? new PostgresServer() : null;
        var (db, ledger) = Ledgers.Open(backend, temp.Path, postgres);
        using var _ = ledger;
        var port = LocalFarm.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        // No HTTP API: tests run side by side, and two coordinators cannot both have its default port.
        string[] serve = ["serve", "--port", port, "--db", db, "--home", temp.Path, "--lease", "3", "--stable-after", "2", "--api-port", "0"];
        var plan = TinySweep.Plan("restart-" + backend, jobs: 8, epochs: 2);
        ledger.Submit(plan, DateTimeOffset.UtcNow);

        var coordinator = FarmProcess.Daft(serve);
        using var node = FarmProcess.Node("serve", "--seed", $"127.0.0.1:{port}", "--devices", "cpu:2", "--home", temp.Path,
            "--heartbeat", "0.5", "--stable-after", "2", "--log-level", "INFO");
        try
        {
            int Succeeded() => plan.Jobs.Count(job => ledger.Job(job.Id)!.State == JobState.Succeeded);
            await TinySweeps.WaitFor(() => Succeeded() >= 2 && ledger.OpenJobs().Any(job => job.State == JobState.Running),
                TimeSpan.FromMinutes(3), () => $"2 jobs done and one running\n--- coordinator\n{coordinator.Output}\n--- node\n{node.Output}");
            var doneBefore = Succeeded();
            var interrupted = ledger.OpenJobs().Where(job => job.State == JobState.Running).Select(job => job.Id).ToArray();
            coordinator.KillHard();
            var firstRun = coordinator.Output;
            coordinator.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1));

            coordinator = FarmProcess.Daft(serve);
            await TinySweeps.WaitFor(() => Succeeded() == plan.Jobs.Length, TimeSpan.FromMinutes(4),
                () => $"every job done ({Succeeded()} of {plan.Jobs.Length})\n--- first coordinator\n{firstRun}\n--- second\n{coordinator.Output}\n--- node\n{node.Output}");

            Assert.True(doneBefore < plan.Jobs.Length);
            TinySweeps.AssertEachSucceededOnce(ledger, plan);
            Assert.Contains("membership 2", node.Output);
            // A job that was running when the coordinator died ends with the numbers an undisturbed run of it gives.
            await TinySweeps.AssertSameAsUndisturbed(ledger, interrupted.Take(1), temp.Path);
        }
        finally
        {
            coordinator.Dispose();
        }
    }
}
