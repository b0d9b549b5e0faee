using Daft.Coordinator.Api;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Integration.Tests;

/// <summary>
/// The coordinator's PostgreSQL goes away mid-sweep (stopped as a crash would, then started again on the same port):
/// <c>daft serve</c> keeps running, retries its ledger writes with backoff and says so, and once the database is back the
/// sweep ends with every job succeeded exactly once. The database URL (with a password) and the API token come from the
/// environment, as a Kubernetes Secret gives them, and neither ever appears in the coordinator's or the node's output.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const string Password = "pw-0f3c9-never-logged";
    private const string Token = "tok-77ad1-never-logged";

    [Fact]
    public async Task With_postgres_down_for_a_while_the_coordinator_retries_with_backoff_and_loses_nothing_and_logs_no_secret()
    {
        using var temp = new TempFolder();
        using var postgres = new PostgresServer();
        var (db, ledger) = Ledgers.Open("postgres", temp.Path, postgres, Password);
        using var _ = ledger;
        var plan = TinySweep.Plan("outage", jobs: 40);
        ledger.Submit(plan, DateTimeOffset.UtcNow);
        var port = LocalFarm.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var apiPort = LocalFarm.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var coordinator = FarmProcess.DaftWith(new Dictionary<string, string> { ["DAFT_DB"] = db, [ApiEnvironment.TokenVariable] = Token },
            "serve", "--port", port, "--home", temp.Path, "--lease", "3", "--stable-after", "2", "--api-port", apiPort, "--log-level", "DEBUG");
        using var node = FarmProcess.Node("serve", "--seed", $"127.0.0.1:{port}", "--devices", "cpu:2", "--home", temp.Path, "--executor", "noop:0.5",
            "--heartbeat", "0.5", "--stable-after", "2", "--log-level", "DEBUG");
        string Logs() => $"--- coordinator\n{coordinator.Output}\n--- node\n{node.Output}\n--- postgres\n{postgres.Log()}";
        int Succeeded()
        {
            try
            {
                return ledger.ResultsOfSweep(plan.SweepId).Count;
            }
            catch (Exception error) when (error is Npgsql.NpgsqlException or InvalidOperationException)
            {
                return -1; // the test's own view of the ledger is down too
            }
        }

        await TinySweeps.WaitFor(() => Succeeded() >= 8, TimeSpan.FromMinutes(2), () => $"8 results\n{Logs()}");
        postgres.Kill();
        await TinySweeps.WaitFor(() => coordinator.Output.Contains("retrying in", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            () => $"the coordinator to report the failed write\n{Logs()}");
        await Task.Delay(TimeSpan.FromSeconds(5)); // down long enough for several retries, each waiting longer
        Assert.False(coordinator.HasExited, Logs());
        postgres.Start();

        await TinySweeps.WaitFor(() => Succeeded() == plan.Jobs.Length, TimeSpan.FromMinutes(2), () => $"every job done ({Succeeded()})\n{Logs()}");
        TinySweeps.AssertEachSucceededOnce(ledger, plan);
        var retries = System.Text.RegularExpressions.Regex.Matches(coordinator.Output, @"retrying in (\d+\.\d) s").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(retries.Length >= 2 && retries[^1] > retries[0], $"backoff: {string.Join(", ", retries)}\n{Logs()}");
        Assert.DoesNotContain(Password, coordinator.Output + node.Output);
        Assert.DoesNotContain(Token, coordinator.Output + node.Output);
    }
}
