using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Daft.Coordinator.Api;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Farm.Hosting;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.SweepViews;
using Daft.Shared.Farm;
using Daft.Shared.Logging;
using Daft.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Daft.Integration.Tests;

/// <summary>
/// The HTTP API end to end, as <c>daft serve</c> hosts it: a coordinator and its API in this process, one real
/// <c>daft-node serve</c> process running tiny FT jobs in-process on two CPU slots; sweeps submitted, watched, read
/// and cancelled over HTTP, and <c>daft nodes</c> / <c>daft sweep status --api</c> run as processes against it.
/// </summary>
public sealed class ApiEndToEndTests
{
    private static readonly DispatchSettings Fast = new(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5), 5);

    [Fact]
    public async Task A_sweep_submitted_over_http_runs_on_a_node_and_its_status_results_nodes_and_cancel_answer_over_http()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var metrics = new ApiMetrics();
        var measured = new MeasuredLedger(ledger, metrics.LedgerWrites);
        var port = LocalFarm.FreePort();
        var endpoint = new FarmEndpoint("127.0.0.1", port, null, [$"127.0.0.1:{port}"], TimeSpan.FromSeconds(2));
        await using var log = FarmLogging.Create(new LogSettings(File: Path.Combine(temp.Path, "coordinator.log")), FarmLogging.Coordinator, console: null);
        using var coordinator = CoordinatorHost.Build(endpoint, measured, Fast, log);
        await coordinator.StartAsync();
        var cluster = Cluster.Get(coordinator.Services.GetRequiredService<ActorSystem>());
        await TinySweeps.WaitFor(() => cluster.SelfMember.Status == MemberStatus.Up, TimeSpan.FromSeconds(30), () => "the coordinator Up");
        await using var api = await ApiServer.StartAsync(ApiSettings.Resolve("127.0.0.1", 0, null), measured, CoordinatorLink.Of(coordinator.Services), metrics,
            CancellationToken.None);
        using var http = new HttpClient { BaseAddress = api.Address };
        using var node = FarmProcess.Node("serve", "--seed", $"127.0.0.1:{port}", "--devices", "cpu:2", "--home", temp.Path, "--executor", "in-process",
            "--heartbeat", "0.5", "--stable-after", "2", "--log-level", "INFO");
        string Logs() => $"\n--- node\n{node.Output}\n--- coordinator\n{File.ReadAllText(Path.Combine(temp.Path, "coordinator.log"))}";

        // Submit four 3-epoch jobs over HTTP; watch them run.
        var submitted = await Submit(http, Sweep("over-http", runs: 4, epochs: 3));
        Assert.Equal((4, 4, true), (submitted.Jobs, submitted.New, submitted.Started));
        RunningJobView? training = null;
        NodesView? busy = null;
        SweepStatusView status = null!;
        await TinySweeps.WaitFor(() =>
        {
            status = Get<SweepStatusView>(http, $"api/sweeps/{submitted.SweepId}");
            training ??= status.Running.FirstOrDefault(job => job.Epoch >= 1 && job.EtaSeconds is not null);
            var nodes = Get<NodesView>(http, "api/nodes");
            busy ??= nodes.Nodes.Any(each => each.Devices.Any(device => device.State == "busy" && device.Label is not null)) ? nodes : null;
            return status.Done;
        }, TimeSpan.FromMinutes(3), () => $"sweep over-http done{Logs()}");

        Assert.Equal((4, 4, 0), (status.Total, status.Count(JobState.Succeeded), status.Failures.Length));
        Assert.NotNull(training);
        Assert.Equal((3, "cpu"), (training.Epochs, training.Device![..3]));
        Assert.StartsWith("ft digits small_cnn lr=0.05 run ", training.Label);
        Assert.NotNull(busy);
        var device = busy.Nodes.Single().Devices.First(each => each.State == "busy");
        Assert.Equal(("cpu", true), (device.Kind, device.Since is not null && device.JobId is not null));

        // Results: one cell, its ID-val accuracy averaged over the four replicates.
        var results = JsonDocument.Parse(await http.GetStringAsync($"api/sweeps/{submitted.SweepId}/results")).RootElement;
        var best = results.GetProperty("cells").EnumerateArray().Single().GetProperty("best");
        var idVal = best.GetProperty("metrics").GetProperty("id_val");
        Assert.Equal(4, idVal.GetProperty("n").GetInt32());
        Assert.InRange(idVal.GetProperty("mean").GetDouble(), 1, 100);

        // The devices' record: every job done on one of the two slots, each slot busy part of the time.
        var after = Get<NodesView>(http, "api/nodes");
        var slots = after.Nodes.Single().Devices;
        Assert.Equal(["cpu:0", "cpu:1"], slots.Select(slot => slot.Device));
        Assert.Equal(4, slots.Sum(slot => slot.JobsDone));
        Assert.All(slots, slot => Assert.InRange(slot.Utilisation, 0, 1));
        Assert.Contains(slots, slot => slot.Utilisation > 0.05);
        Assert.Equal(4, after.Ended["succeeded"]);

        var metricsText = await http.GetStringAsync("metrics");
        Assert.Contains("daft_jobs_finished_total{outcome=\"succeeded\"} 4", metricsText);
        Assert.Contains("daft_devices{state=\"idle\"} 2", metricsText);
        Assert.Matches(@"daft_ledger_write_seconds_count [1-9]\d*", metricsText);

        // The CLI as processes: daft nodes and daft sweep status through the API.
        using (var nodesCli = FarmProcess.Daft("nodes", "--api", api.Address.ToString()))
        {
            Assert.True(await nodesCli.WaitAsync(TimeSpan.FromSeconds(60)), nodesCli.Output);
            Assert.Matches(@"1 nodes, 2 devices \(0 busy\)", nodesCli.Output);
            Assert.Contains("cpu:1", nodesCli.Output);
        }

        using (var statusCli = FarmProcess.Daft("sweep", "status", "over-http", "--api", api.Address.ToString()))
        {
            Assert.True(await statusCli.WaitAsync(TimeSpan.FromSeconds(60)), statusCli.Output);
            Assert.Contains("4 jobs: 4/4 succeeded, 0 running, 0 pending, 0 failed, 0 cancelled", statusCli.Output);
        }

        // A long sweep, cancelled over HTTP while it runs: its jobs stop, the node stays.
        var longer = await Submit(http, Sweep("cancel-over-http", runs: 3, epochs: 40));
        await TinySweeps.WaitFor(() => Get<SweepStatusView>(http, $"api/sweeps/{longer.SweepId}").Running.Any(job => job.State == JobState.Running),
            TimeSpan.FromMinutes(2), () => $"a running job of cancel-over-http{Logs()}");
        var cancel = await http.PostAsync($"api/sweeps/{longer.SweepId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await TinySweeps.WaitFor(() => Get<SweepStatusView>(http, $"api/sweeps/{longer.SweepId}").Done, TimeSpan.FromSeconds(30),
            () => $"cancel-over-http done{Logs()}");
        var cancelled = Get<SweepStatusView>(http, $"api/sweeps/{longer.SweepId}");
        Assert.Equal(("cancelled", 3), (cancelled.State, cancelled.Count(JobState.Cancelled)));
        Assert.All(cancelled.Failures, failure => Assert.Equal("cancelled", failure.Kind));
        await TinySweeps.WaitFor(() => Get<NodesView>(http, "api/nodes").Nodes.Single().Devices.All(slot => slot.State == "idle"),
            TimeSpan.FromSeconds(30), () => $"both slots idle again{Logs()}");
        Assert.False(node.HasExited);

        await coordinator.StopAsync();
    }

    /// <summary>FT of the small CNN on the shipped digits, one job per run_num (about a second per epoch).</summary>
    private static string Sweep(string name, int runs, int epochs) => $$"""
        name: {{name}}
        defaults:
          epochs: {{epochs}}
        grid:
          dataset: [digits]
          backbone: [small_cnn]
          run_num: [{{string.Join(", ", Enumerable.Range(1, runs))}}]
        methods:
          ft: {lr: 0.05}
        """;

    private static async Task<SubmitView> Submit(HttpClient http, string yaml)
    {
        var response = await http.PostAsync("api/sweeps", new StringContent(yaml, Encoding.UTF8, "text/yaml"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SubmitView>(ApiJson.Options))!;
    }

    private static T Get<T>(HttpClient http, string path) =>
        JsonSerializer.Deserialize<T>(http.GetStringAsync(path).GetAwaiter().GetResult(), ApiJson.Options)!;
}

/// <summary><c>daft run</c>'s coordinator hosts the API too; a port already taken costs only the API, not the sweep.</summary>
public sealed class LocalFarmApiTests
{
    [Fact]
    public async Task Local_mode_serves_the_api_while_it_runs_and_runs_the_sweep_without_it_when_the_port_is_taken()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var dispatch = new DispatchSettings(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5), 5);
        LocalFarmOptions Options(ApiSettings api) => new(temp.Path, 1, "cpu:1", "noop", dispatch, TimeSpan.FromSeconds(2), Interactive: false)
        {
            NodeArguments = ["--heartbeat", "0.5", "--stable-after", "2"],
            Api = api,
        };

        var served = new StringWriter();
        var first = await LocalFarm.RunAsync(TinySweep.Plan("local-api", 2), ledger, Options(ApiSettings.Resolve("127.0.0.1", 0, null)), served,
            CancellationToken.None);
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var without = new StringWriter();
        var second = await LocalFarm.RunAsync(TinySweep.Plan("local-no-api", 2, epochs: 2), ledger, Options(ApiSettings.Resolve("127.0.0.1", port, null)), without,
            CancellationToken.None);

        Assert.True(first is { Done: true }, served.ToString());
        Assert.Matches(@"HTTP API at http://127\.0\.0\.1:\d+/: `daft nodes --api", served.ToString());
        Assert.True(second is { Done: true }, without.ToString());
        Assert.Contains($"HTTP API not started (127.0.0.1:{port}: ", without.ToString());
        Assert.Contains("the sweep runs without it", without.ToString());
    }
}
