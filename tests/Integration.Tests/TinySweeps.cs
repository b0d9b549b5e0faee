using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Specs;

namespace Daft.Integration.Tests;

/// <summary>Sweeps of real, tiny jobs: FT of the small CNN on the shipped digits (1,797 images), ~2 s per job.</summary>
internal static class TinySweeps
{
    public static SweepPlan Plan(string name, int jobs, int epochs = 1)
    {
        var template = JobSpecLoader.Parse($"dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: {epochs}\n", "tiny.yaml");
        var planned = Enumerable.Range(1, jobs).Select(runNum =>
        {
            var spec = template with { RunNum = runNum, Seed = Seeds.ForRunNum(runNum) };
            return new PlannedJob(JobIdentity.IdOf(spec), spec, [], ImmutableSortedDictionary<string, string>.Empty, DeviceRequirement.Any);
        }).ToImmutableArray();
        return new SweepPlan(SweepIdentity.IdOf(name, planned.Select(job => job.Id)), name, null, null, 0, 3, planned);
    }

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
