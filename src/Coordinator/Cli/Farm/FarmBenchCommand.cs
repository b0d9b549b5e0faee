using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// <c>daft bench farm --jobs N --devices cpu:K --executor noop|in-process|process</c>: runs a generated sweep of N tiny
/// jobs (FT of the small CNN on the shipped digits, 1 epoch) through local mode with a fresh SQLite ledger and reports,
/// from the ledger's own timestamps: jobs per second from the first lease to the last success, and the device idle gap
/// between consecutive jobs on one device — the dispatch gap (a job's end to the next one's start, both as the
/// dispatcher recorded them) plus, for real jobs, the start-up the job's own timer does not see (process launch, runtime
/// load: its started-to-finished span minus result.json's total). BENCHMARKS.md quotes it.
/// </summary>
internal static class FarmBenchCommand
{
    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "Jobs in the generated sweep.", DefaultValueFactory = _ => 2000 };
        var devices = new Option<string>("--devices") { Description = "Devices of the one node (cpu:K = K slots).", DefaultValueFactory = _ => "cpu:1" };
        var executor = new Option<string>("--executor") { Description = "noop (farm overhead only), in-process or process.", DefaultValueFactory = _ => "noop" };
        var command = new Command("farm", "Measure jobs/s and the device idle gap through coordinator, SQLite ledger and one node.\n\nExamples:\n  daft bench farm --jobs 2000 --devices cpu:16 --executor noop\n  daft bench farm --jobs 50 --devices cpu:2 --executor process") { jobs, devices, executor };
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var home = Directory.CreateTempSubdirectory("daft-bench-farm-").FullName;
            try
            {
                var plan = TinySweep.Plan("bench-farm", Math.Max(1, parse.GetValue(jobs)), maxAttempts: 1);
                using var ledger = new SqliteLedger(Path.Combine(home, "daft.db"));
                var options = new LocalFarmOptions(home, 1, parse.GetRequiredValue(devices), parse.GetRequiredValue(executor),
                    DispatchSettings.Default, TimeSpan.FromSeconds(5), Interactive: false)
                {
                    // Two log lines per job on the node would be measured too.
                    NodeArguments = ["--log-level", "WARNING"],
                };
                await LocalFarm.RunAsync(plan, ledger, options, TextWriter.Null, cancellation);
                output.WriteLine(Report(ledger, plan, parse.GetRequiredValue(devices), parse.GetRequiredValue(executor)));
                return ExitCodes.Ok;
            }
            finally
            {
                Directory.Delete(home, recursive: true);
            }
        });
        return command;
    }

    private static string Report(IJobLedger ledger, SweepPlan plan, string devices, string executor)
    {
        // One read per job: its history, its row and its result.
        var jobs = plan.Jobs.Select(job => (Events: ledger.Events(job.Id), Row: ledger.Job(job.Id)!, Result: ledger.Result(job.Id))).ToList();
        var failed = jobs.Count(job => job.Row.State != JobState.Succeeded);
        var first = jobs.SelectMany(job => job.Events).Where(row => row.Kind == "leased").Min(row => row.At);
        var last = jobs.SelectMany(job => job.Events).Where(row => row.Kind == "succeeded").Max(row => row.At);
        var perSecond = plan.Jobs.Length / Math.Max(1e-9, (last - first).TotalSeconds);

        // Per job: its started and finished times on its device, and the start-up its own timer missed.
        var spans = jobs.Select(job =>
        {
            var started = job.Events.Last(row => row.Kind == "started");
            var finished = job.Events.Last(row => row.Kind == "succeeded");
            var total = job.Result is { } result && JsonDocument.Parse(result.ResultJson).RootElement.TryGetProperty("timings", out var timings)
                && timings.TryGetProperty("total", out var seconds) ? seconds.GetDouble() : 0;
            return (Device: job.Row.Device ?? "?", Started: started.At, Finished: finished.At, Unseen: Math.Max(0, (finished.At - started.At).TotalSeconds - total));
        }).ToList();
        var gaps = spans.GroupBy(span => span.Device).SelectMany(group =>
        {
            var ordered = group.OrderBy(span => span.Started).ToList();
            return ordered.Zip(ordered.Skip(1), (previous, next) => (next.Started - previous.Finished).TotalMilliseconds + next.Unseen * 1000);
        }).Order().ToList();
        string Quantile(double q) => gaps.Count == 0 ? "-" : gaps[Math.Min(gaps.Count - 1, (int)(q * gaps.Count))].ToString("F1", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{plan.Jobs.Length} jobs, executor {executor}, devices {devices}, SQLite ledger: {perSecond:F0} jobs/s "
            + $"({(last - first).TotalSeconds:F2} s from first lease to last success, {failed} not succeeded); "
            + $"device idle gap ms: p50 {Quantile(0.5)}, p95 {Quantile(0.95)}, max {Quantile(1.0)} ({gaps.Count} gaps)");
    }
}

/// <summary><c>daft bench</c>: harnesses that print figures for BENCHMARKS.md.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure the farm (figures for BENCHMARKS.md).") { FarmBenchCommand.Create(), SweepScaleBenchCommand.Create() };
}
