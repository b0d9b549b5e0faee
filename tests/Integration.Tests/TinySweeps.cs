using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

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
