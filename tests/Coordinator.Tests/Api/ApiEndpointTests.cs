using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Tests.Api;

/// <summary>
/// One coordinator with its API for every test of the class; each test uses sweeps of its own names and learning rates
/// (the same point in two sweeps is one job, so tests sharing points would see each other's jobs).
/// </summary>
public sealed class ApiFarmFixture : IAsyncLifetime
{
    public TestFarm Farm { get; private set; } = null!;

    public async Task InitializeAsync() => Farm = await TestFarm.StartAsync();

    public async Task DisposeAsync() => await Farm.DisposeAsync();
}

/// <summary>The HTTP API's endpoints against an in-process coordinator without nodes: submit, status, cancel, results, jobs, nodes, metrics.</summary>
public sealed class ApiEndpointTests(ApiFarmFixture fixture) : IClassFixture<ApiFarmFixture>
{
    private TestFarm Farm => fixture.Farm;

    [Fact]
    public async Task A_sweep_posted_as_yaml_is_recorded_like_daft_sweep_submit_and_its_status_lists_its_jobs()
    {
        using var client = Farm.Client();
        var response = await client.PostAsync("api/sweeps", new StringContent(TestSweeps.Yaml("posted-yaml", runs: 3, lr: 0.101), Encoding.UTF8, "text/yaml"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var submitted = (await response.Content.ReadFromJsonAsync<SubmitView>(ApiJson.Options))!;
        Assert.Equal(("posted-yaml", 3, 0, 3, 3, true), (submitted.Name, submitted.Jobs, submitted.AlreadySucceeded, submitted.ToRun, submitted.New, submitted.Started));
        Assert.Equal($"/api/sweeps/{submitted.SweepId}", response.Headers.Location?.OriginalString);
        Assert.Equal(3, Farm.Ledger.JobsOfSweep(submitted.SweepId).Count);

        var status = (await client.GetFromJsonAsync<SweepStatusView>($"api/sweeps/{submitted.SweepId}", ApiJson.Options))!;
        Assert.Equal((submitted.SweepId, 3, false), (status.Id, status.Total, status.Done));
        // Started at once: the dispatcher holds the jobs, pending (no node has joined).
        Assert.Equal(3, status.Count(JobState.Pending));
        var again = (await (await client.PostAsync("api/sweeps", new StringContent(TestSweeps.Yaml("posted-yaml", runs: 3, lr: 0.101)))).Content.ReadFromJsonAsync<SubmitView>(ApiJson.Options))!;
        Assert.Equal((submitted.SweepId, 0), (again.SweepId, again.New));
    }

    [Fact]
    public async Task A_malformed_sweep_gets_400_with_the_loaders_positioned_errors_and_no_stack_trace()
    {
        using var client = Farm.Client();
        var asText = await client.PostAsync("api/sweeps?name=mine.yaml", new StringContent(TestSweeps.Broken, Encoding.UTF8, "text/yaml"));
        var asJson = await client.PostAsync("api/sweeps", JsonContent.Create(new { yaml = TestSweeps.Broken, name = "configs/sweeps/other.yaml" }));
        var noYaml = await client.PostAsync("api/sweeps", JsonContent.Create(new { name = "x.yaml" }));
        var notYaml = await client.PostAsync("api/sweeps", new StringContent("{{{{ : : :", Encoding.UTF8, "text/yaml"));

        foreach (var response in new[] { asText, asJson, noYaml, notYaml })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("   at ", body);
            Assert.DoesNotContain("Exception", body);
        }

        var error = (await asText.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!;
        var line = Assert.Single(error.Errors);
        Assert.StartsWith("mine.yaml:3:3: ", line);
        Assert.Contains("datasett", line);
        Assert.StartsWith("configs/sweeps/other.yaml:3:3: ", Assert.Single((await asJson.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!.Errors));
        Assert.Contains("the body must be the sweep file", (await noYaml.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!.Error);
        Assert.DoesNotContain(Farm.Ledger.Sweeps(), sweep => sweep.Name == "broken");
    }

    [Fact]
    public async Task A_sweep_is_found_by_name_or_id_prefix_and_an_unknown_or_ambiguous_one_is_refused()
    {
        using var client = Farm.Client();
        var first = await Submit(client, TestSweeps.Yaml("twice", lr: 0.102));
        await Submit(client, TestSweeps.Yaml("twice", lr: 0.103));
        var unique = await Submit(client, TestSweeps.Yaml("found-by-name", lr: 0.104));

        Assert.Equal(unique.SweepId, (await client.GetFromJsonAsync<SweepStatusView>("api/sweeps/found-by-name", ApiJson.Options))!.Id);
        Assert.Equal(first.SweepId, (await client.GetFromJsonAsync<SweepStatusView>($"api/sweeps/{first.SweepId[..8]}", ApiJson.Options))!.Id);
        var ambiguous = await client.GetAsync("api/sweeps/twice");
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Contains("2 sweeps are named 'twice'", (await ambiguous.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!.Error);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/sweeps/no-such-sweep")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("api/sweeps/no-such-sweep/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/jobs/0000000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/nothing-here")).StatusCode);
    }

    [Fact]
    public async Task Cancelling_marks_the_sweep_and_the_coordinator_cancels_its_jobs()
    {
        using var client = Farm.Client();
        var submitted = await Submit(client, TestSweeps.Yaml("to-cancel", runs: 2, lr: 0.105));

        var response = await client.PostAsync($"api/sweeps/{submitted.SweepId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = (await response.Content.ReadFromJsonAsync<CancelView>(ApiJson.Options))!;
        Assert.Equal((submitted.SweepId, "cancelled", 2), (cancelled.SweepId, cancelled.State, cancelled.OpenJobs));
        Assert.Equal("cancelled", Farm.Ledger.Sweep(submitted.SweepId)!.State);
        await WaitFor(() => Farm.Ledger.JobsOfSweep(submitted.SweepId).All(job => job.State == JobState.Cancelled), "every job cancelled");
        var status = (await client.GetFromJsonAsync<SweepStatusView>($"api/sweeps/{submitted.SweepId}", ApiJson.Options))!;
        Assert.True(status.Done);
        Assert.Equal(["cancelled", "cancelled"], status.Failures.Select(failure => failure.Kind));
    }

    [Fact]
    public async Task Results_aggregate_the_ledgers_results_and_a_job_comes_with_its_history()
    {
        using var client = Farm.Client();
        var submitted = await Submit(client, TestSweeps.Yaml("with-results", runs: 2, lr: 0.106));
        var jobs = Farm.Ledger.JobsOfSweep(submitted.SweepId);
        Farm.Ledger.Write([new JobCancelledWrite(jobs[1].Id, "not needed", DateTimeOffset.UtcNow)]);

        var results = JsonDocument.Parse(await client.GetStringAsync($"api/sweeps/{submitted.SweepId}/results")).RootElement;
        Assert.Equal(submitted.SweepId, results.GetProperty("sweep_id").GetString());
        Assert.Equal(2, results.GetProperty("rows").GetArrayLength());
        var cell = results.GetProperty("cells").EnumerateArray().Single();
        Assert.Equal(("digits", "small_cnn", "ft"), (cell.GetProperty("dataset").GetString(), cell.GetProperty("model").GetString(), cell.GetProperty("method").GetString()));
        var group = cell.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal(["cancelled", "pending"], group.GetProperty("missing").EnumerateArray().Select(run => run.GetProperty("state").GetString()).Order());

        var job = JsonDocument.Parse(await client.GetStringAsync($"api/jobs/{jobs[1].Id}")).RootElement;
        Assert.Equal(("cancelled", "not needed"), (job.GetProperty("state").GetString(), job.GetProperty("reason").GetString()));
        Assert.Equal(["submitted", "cancelled"], job.GetProperty("events").EnumerateArray().Select(row => row.GetProperty("kind").GetString()));
        Assert.Contains(submitted.SweepId, job.GetProperty("sweeps").EnumerateArray().Select(sweep => sweep.GetString()));
    }

    [Fact]
    public async Task Nodes_answers_from_the_dispatcher_and_metrics_expose_the_farm()
    {
        using var client = Farm.Client();
        await Submit(client, TestSweeps.Yaml("for-metrics", runs: 1, lr: 0.107));

        var nodes = (await client.GetFromJsonAsync<NodesView>("api/nodes", ApiJson.Options))!;
        Assert.Empty(nodes.Nodes);
        Assert.True(nodes.OpenJobs >= 1);
        Assert.Equal(nodes.OpenJobs, nodes.Queued);

        var metrics = await client.GetStringAsync("metrics");
        Assert.Contains("daft_sweep_jobs{sweep_id=", metrics);
        Assert.Contains("sweep=\"for-metrics\",state=\"pending\"} 1", metrics);
        Assert.Contains("daft_devices{state=\"busy\"} 0", metrics);
        Assert.Contains($"daft_dispatch_queue_length {nodes.Queued}", metrics);
        Assert.Contains("daft_open_jobs", metrics);
        Assert.Contains("# TYPE daft_jobs_finished_total counter", metrics);
        Assert.Contains("# TYPE daft_ledger_write_seconds histogram", metrics);
    }

    private static async Task<SubmitView> Submit(HttpClient client, string yaml)
    {
        var response = await client.PostAsync("api/sweeps", new StringContent(yaml, Encoding.UTF8, "text/yaml"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SubmitView>(ApiJson.Options))!;
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.True(waited < 20_000, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
