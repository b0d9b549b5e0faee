using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Daft.Coordinator.Cli.Sweep;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Sweeps;
using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// <c>daft bench sweep --jobs N --repeats R</c>: the issue's farm-scale sweep figures on a fresh SQLite ledger. It expands
/// the generated sweep of <see cref="SweepBenchCommand.SweepText"/> (YAML, checks, specs, ids) and persists it
/// (<see cref="IJobLedger.Submit"/>), timed once each; then it times the status read that <c>daft sweep status</c> and
/// <c>GET /api/sweeps/{id}</c> both make (<see cref="SweepStatusReader.Status"/>, by id)
/// R times, first on the sweep as submitted (every job pending), then half-way through a run: half the jobs succeeded,
/// 16 running, 100 failed, 20 retried and running again (each moved with the dispatcher's own ledger writes).
/// </summary>
internal static class SweepScaleBenchCommand
{
    private const int Running = 16;
    private const int Failed = 100;
    private const int Retried = 20;

    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "About how many jobs the generated sweep has.", DefaultValueFactory = _ => 100_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed status reads per state of the sweep (after one warm-up).", DefaultValueFactory = _ => 5 };
        var keep = new Option<bool>("--keep") { Description = "Keep the ledger file (its path is printed), e.g. to profile its queries." };
        var command = new Command("sweep", "Time expanding and persisting a generated sweep, and its status read, on a fresh SQLite ledger.\n\nExample:\n  daft bench sweep --jobs 100000 --repeats 5")
        {
            jobs, repeats, keep,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var home = Directory.CreateTempSubdirectory("daft-bench-sweep-").FullName;
            try
            {
                var runs = Math.Max(1, (int)Math.Ceiling(Math.Max(1, parse.GetValue(jobs)) / (double)SweepBenchCommand.JobsPerRun));
                var yaml = SweepBenchCommand.SweepText(runs);
                var clock = Stopwatch.StartNew();
                var plan = SweepLoader.Parse(yaml, Path.Combine(home, "bench-sweep.yaml"));
                var expand = clock.Elapsed.TotalMilliseconds;
                using var ledger = new SqliteLedger(Path.Combine(home, "daft.db"));
                clock.Restart();
                ledger.Submit(plan, DateTimeOffset.UtcNow);
                var persist = clock.Elapsed.TotalMilliseconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{plan.Jobs.Length:N0} jobs on {Environment.ProcessorCount} cores, SQLite: expand {expand:F0} ms, persist {persist:F0} ms, "
                    + $"expand + persist {(expand + persist) / 1000:F2} s"));

                var count = Math.Max(1, parse.GetValue(repeats));
                output.WriteLine(Status("status, all pending", ledger, plan.SweepId, count));
                clock.Restart();
                Advance(ledger, plan);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(moved the sweep half-way in {clock.Elapsed.TotalSeconds:F1} s)"));
                output.WriteLine(Status($"status, half succeeded, {Running + Retried} running, {Failed} failed, {Retried} retried", ledger, plan.SweepId, count));
                if (parse.GetValue(keep))
                {
                    output.WriteLine($"ledger kept: {Path.Combine(home, "daft.db")}");
                }

                return ExitCodes.Ok;
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    Directory.Delete(home, recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>
    /// Times the read of the sweep's view; one read first, timed apart (connection pool, statement cache, JIT, and the
    /// job labels' specs, which <see cref="JobLabels"/> parses once per process: what a one-shot CLI call pays). Apart from
    /// the total, the ledger's snapshot alone (the SQL) is timed on its own R times, so that the report says where the
    /// time goes.
    /// </summary>
    private static string Status(string label, IJobLedger ledger, string sweepId, int repeats)
    {
        SweepStatusView Once() => SweepStatusReader.Status(ledger, sweepId, DateTimeOffset.UtcNow).View!;
        var first = Stopwatch.StartNew();
        var view = Once();
        var cold = first.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        var sql = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            view = Once();
            times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            ledger.SnapshotOfSweep(sweepId, SweepStatusBuilder.NeedsEvents);
            sql.Add(clock.Elapsed.TotalMilliseconds);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{label}: {Spread(times)} ({times.Count} runs after 1 warm-up, which took {cold:F1} ms; of which the ledger snapshot alone: {Spread(sql)}; "
            + $"view: {view.Total} jobs, {view.Running.Length} running, {view.Failures.Length} failures)");
    }

    private static string Spread(List<double> times)
    {
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"min {times[0]:F1} ms, median {times[times.Count / 2]:F1} ms, max {times[^1]:F1} ms");
    }

    /// <summary>
    /// Moves the sweep as a run would: the first half succeeded, then failed jobs, retried ones (failed once, leased and
    /// running again) and running ones; written in batches as the dispatcher's group commit writes them.
    /// </summary>
    private static void Advance(IJobLedger ledger, SweepPlan plan)
    {
        var at = DateTimeOffset.UtcNow;
        var lease = at.AddHours(1);
        var ids = plan.Jobs.Select(job => job.Id).ToList();
        var done = ids.Count / 2;
        var writes = new List<LedgerWrite>();
        for (var i = 0; i < ids.Count && i < done + Failed + Retried + Running; i++)
        {
            var id = ids[i];
            var device = $"cpu:{i % Running}";
            writes.Add(new JobLeasedWrite(id, 1, "bench", device, lease, at));
            writes.Add(new JobStartedWrite(id, 1, lease, at));
            if (i < done)
            {
                writes.Add(new JobSucceededWrite(id, 1, "{}", at));
            }
            else if (i < done + Failed)
            {
                writes.Add(new JobFailedWrite(id, 1, "bench: failed", Retryable: false, Final: true, null, at));
            }
            else if (i < done + Failed + Retried)
            {
                writes.Add(new JobFailedWrite(id, 1, "bench: retried", Retryable: true, Final: false, null, at));
                writes.Add(new JobLeasedWrite(id, 2, "bench", device, lease, at));
                writes.Add(new JobStartedWrite(id, 2, lease, at));
            }

            // About 1,000 jobs per transaction: this is setup, not measured, and a batch of it stays small in memory.
            if (writes.Count >= 3000)
            {
                ledger.Write(writes);
                writes.Clear();
            }
        }

        ledger.Write(writes);
    }
}
