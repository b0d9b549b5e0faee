using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Results;

namespace Daft.Integration.Tests;

/// <summary>What the farm tests assert about sweeps of tiny jobs (<see cref="TinySweep"/>), and how they wait.</summary>
internal static class TinySweeps
{
    /// <summary>Every job succeeded, exactly once: one result row and one "succeeded" event per job.</summary>
    public static void AssertEachSucceededOnce(IJobLedger ledger, SweepPlan plan)
    {
        foreach (var job in plan.Jobs)
        {
            var stored = ledger.Job(job.Id)!;
            Assert.True(stored.State == JobState.Succeeded, $"job {job.Id} ended {stored.State.Text()}: {stored.Reason}");
            Assert.Single(ledger.Events(job.Id), row => row.Kind == "succeeded");
            Assert.NotNull(ledger.Result(job.Id));
        }

        Assert.Equal(plan.Jobs.Length, ledger.ResultsOfSweep(plan.SweepId).Count);
    }

    /// <summary>
    /// Each of <paramref name="jobIds"/> has the result a fresh, undisturbed <c>daft-node run-job</c> of its spec gives:
    /// the same chosen epoch and the same per-epoch and final metrics, to the bit (CPU training is bit-reproducible at a
    /// fixed thread count, which is the farm's). Timings and the machine may differ; nothing else may.
    /// </summary>
    public static async Task AssertSameAsUndisturbed(IJobLedger ledger, IEnumerable<string> jobIds, string home)
    {
        foreach (var id in jobIds)
        {
            var folder = Path.Combine(home, "undisturbed", id);
            Directory.CreateDirectory(folder);
            var spec = Path.Combine(folder, "spec.yaml");
            await File.WriteAllTextAsync(spec, ledger.Job(id)!.SpecYaml);
            var farmed = RunResult.FromJson(ledger.Result(id)!.ResultJson);
            // The thread count the farm ran it with (its device slot's share of the cores): results differ across counts.
            var threads = farmed.Environment.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var run = FarmProcess.Node("run-job", spec, "--out", folder, "--job-id", id, "--home", home, "--device", "cpu", "--threads", threads);
            Assert.True(await run.WaitAsync(TimeSpan.FromMinutes(2)), $"the undisturbed run of {id} did not finish:\n{run.Output}");
            var alone = RunResult.FromJson(await File.ReadAllTextAsync(Path.Combine(folder, "result.json")));
            Assert.Equal(Numbers(alone), Numbers(farmed));
        }

        static string Numbers(RunResult result) => System.Text.Json.JsonSerializer.Serialize(
            new { result.Status, result.ChosenEpoch, result.Final, Epochs = result.Epochs.Select(epoch => epoch with { Seconds = 0 }) }, RunResult.JsonOptions);
    }

    /// <summary>No job process is left that works in <paramref name="home"/> (an orphan of a killed node would be).</summary>
    public static async Task AssertNoJobProcessesUnder(string home)
    {
        IReadOnlyList<string> Left() => [.. Directory.GetDirectories("/proc")
            .Select(folder => Path.Combine(folder, "cmdline"))
            .Select(file => { try { return File.ReadAllText(file).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(command => command.Contains("run-job", StringComparison.Ordinal) && command.Contains(home, StringComparison.Ordinal))];
        await WaitFor(() => Left().Count == 0, TimeSpan.FromSeconds(10), () => $"no job process under {home}, but: {string.Join("; ", Left())}");
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitFor(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0} s waiting for {what()}");
            }

            await Task.Delay(200);
        }
    }
}
