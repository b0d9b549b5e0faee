using System.Globalization;
using System.Text.Json;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Tests.Api;

namespace Daft.Coordinator.Tests.Cli;

/// <summary>The verbs with <c>--api</c> against an in-process coordinator and its API, and <c>daft nodes</c> with and without one.</summary>
public sealed class ApiCommandTests(ApiFarmFixture fixture) : IClassFixture<ApiFarmFixture>
{
    private TestFarm Farm => fixture.Farm;

    [Fact]
    public async Task Submit_status_list_and_cancel_go_through_the_api_and_read_as_they_do_from_the_database()
    {
        var file = Farm.Temp.Write("sweeps/through-api.yaml", TestSweeps.Yaml("through-api", runs: 2, lr: 0.201));

        var submitted = await CliRun.DaftAsync("sweep", "submit", file, "--api", Farm.Url);
        Assert.Equal(0, submitted.ExitCode);
        Assert.Matches($@"^submitted sweep through-api \(\w{{12}}\) to {Farm.Url} \(sqlite:.+\): 2 jobs, 0 already succeeded, 2 to run \(2 new, 0 re-queued\)\n$", submitted.Output);
        var sweep = Assert.Single(Farm.Ledger.Sweeps(), row => row.Name == "through-api");
        Assert.Equal(Path.GetFullPath(file), sweep.SourceFile);

        var viaApi = await CliRun.DaftAsync("sweep", "status", "through-api", "--json", "--api", Farm.Url);
        var viaDb = await CliRun.DaftAsync("sweep", "status", "through-api", "--json", "--db", Farm.Database);
        Assert.Equal(0, viaApi.ExitCode);
        Assert.Equal(Without(viaDb.Output, "at"), Without(viaApi.Output, "at"));
        var listed = await CliRun.DaftAsync("sweep", "list", "--api", Farm.Url);
        Assert.Matches($@"{sweep.Id}  through-api\s+active", listed.Output);

        var cancelled = await CliRun.DaftAsync("sweep", "cancel", "through-api", "--api", Farm.Url);
        Assert.Equal(0, cancelled.ExitCode);
        Assert.Equal($"sweep through-api ({sweep.Id}): cancelled through {Farm.Url}; its 2 open jobs are being stopped\n", cancelled.Output);
        Assert.Equal("cancelled", Farm.Ledger.Sweep(sweep.Id)!.State);
    }

    [Fact]
    public async Task The_api_verbs_report_an_unknown_sweep_as_bad_input_and_an_invalid_file_before_sending_it()
    {
        var broken = Farm.Temp.Write("sweeps/broken.yaml", TestSweeps.Broken);

        var unknown = await CliRun.DaftAsync("sweep", "cancel", "never-submitted", "--api", Farm.Url);
        var missingStatus = await CliRun.DaftAsync("sweep", "status", "never-submitted", "--api", Farm.Url);
        var invalid = await CliRun.DaftAsync("sweep", "submit", broken, "--api", Farm.Url);

        Assert.Equal((2, "sweep cancel: no sweep 'never-submitted' (by id, name or start of id)\n"), (unknown.ExitCode, unknown.Error));
        Assert.Equal(2, missingStatus.ExitCode);
        Assert.Equal(2, invalid.ExitCode);
        Assert.StartsWith($"{broken}:3:3: ", invalid.Error);
        Assert.DoesNotContain(Farm.Ledger.Sweeps(), sweep => sweep.Name is "broken" or "never-submitted");
    }

    [Fact]
    public async Task Daft_nodes_reads_the_live_cluster_from_the_api_as_text_or_json()
    {
        var text = await CliRun.DaftAsync("nodes", "--api", Farm.Url);
        var json = await CliRun.DaftAsync("nodes", "--api", Farm.Url, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Matches($@"^0 nodes, 0 devices \(0 busy\) at {Farm.Url}; \d+ open jobs, \d+ queued; ended since the coordinator started: ", text.Output);
        Assert.Contains("no node has joined", text.Output);
        var view = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(0, view.GetProperty("nodes").GetArrayLength());
        Assert.True(view.TryGetProperty("open_jobs", out _));
    }

    [Fact]
    public async Task Without_a_coordinator_daft_nodes_says_so_and_exits_5_and_a_wrong_token_is_refused_likewise()
    {
        var closed = $"http://127.0.0.1:{LocalFarm.FreePort().ToString(CultureInfo.InvariantCulture)}";
        await using var guarded = await TestFarm.StartAsync("the-token");

        var down = await CliRun.DaftAsync("nodes", "--api", closed);
        var wrong = await CliRun.DaftAsync("sweep", "list", "--api", guarded.Url, "--token", "not-it");
        var right = await CliRun.DaftAsync("sweep", "list", "--api", guarded.Url, "--token", "the-token");

        Assert.Equal(5, down.ExitCode);
        Assert.StartsWith($"nodes: cannot reach the coordinator at {closed}/: ", down.Error);
        Assert.Contains("is `daft serve` running there?", down.Error);
        Assert.Equal(5, wrong.ExitCode);
        Assert.Contains("refused the call: missing or wrong bearer token", wrong.Error);
        Assert.DoesNotContain("not-it", wrong.Error);
        Assert.Equal((0, $"no sweeps in {guarded.Url}\n"), (right.ExitCode, right.Output));
    }

    [Fact]
    public async Task Cancel_through_the_database_finds_the_sweep_by_name_too()
    {
        var plan = Ledger.LedgerPlans.Plan("cancel-by-name", Ledger.LedgerPlans.ManyJobs(1, lr: 0.202));
        Farm.Ledger.Submit(plan, DateTimeOffset.UtcNow);

        var result = await CliRun.DaftAsync("sweep", "cancel", "cancel-by-name", "--db", Farm.Database);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"sweep cancel-by-name ({plan.SweepId}): cancelled", result.Output);
        Assert.Equal("cancelled", Farm.Ledger.Sweep(plan.SweepId)!.State);
        Assert.Equal(JobState.Pending, Farm.Ledger.JobsOfSweep(plan.SweepId)[0].State);
    }

    /// <summary>The JSON without one top-level property (the time of the look differs between two looks).</summary>
    private static string Without(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }
}
