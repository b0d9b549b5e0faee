using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Daft.Coordinator.Sweeps;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>
/// <c>daft sweep bench-expand [--points N] [--repeats R]</c> (hidden): times <see cref="SweepLoader.Parse(string, string)"/> (YAML,
/// checks, expansion, every spec and id) on a generated sweep of about N jobs, after one warm-up run, and prints
/// min / median / max of R runs. BENCHMARKS.md quotes it; expansion has a speed goal (100,000 points well under a
/// second on 2 cores) that unit tests do not check.
/// </summary>
internal static class SweepBenchCommand
{
    // Per grid cell: 1 lp + 10 ft + 10 lp_ft + 10 x 5 daft = 71 jobs; two datasets per run_num.
    private const int LrCount = 10;
    internal const int JobsPerRun = 2 * (1 + LrCount + LrCount + (LrCount * 5));

    public static Command Create()
    {
        var points = new Option<int>("--points") { Description = "About how many jobs the generated sweep has.", DefaultValueFactory = _ => 100_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed runs (after one warm-up).", DefaultValueFactory = _ => 5 };
        var command = new Command("bench-expand", "Time the expansion of a generated sweep (BENCHMARKS.md).") { points, repeats };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var runs = Math.Max(1, (int)Math.Ceiling(Math.Max(1, parse.GetValue(points)) / (double)JobsPerRun));
            var yaml = SweepText(runs);
            var source = Path.Combine(Path.GetTempPath(), "bench-expand.yaml");
            var jobs = SweepLoader.Parse(yaml, source).Jobs.Length;
            var times = new List<double>();
            for (var i = 0; i < Math.Max(1, parse.GetValue(repeats)); i++)
            {
                var clock = Stopwatch.StartNew();
                SweepLoader.Parse(yaml, source);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"expanded {jobs:N0} jobs ({runs} run_nums x 2 datasets x 71 method points) on {Environment.ProcessorCount} cores: "
                + $"min {times[0]:F0} ms, median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms ({times.Count} runs after 1 warm-up)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A sweep with <paramref name="runs"/> run_nums of the shipped digits datasets, every method, LP-FT heads from LP.</summary>
    public static string SweepText(int runs)
    {
        var text = new StringBuilder("name: bench-expand\n")
            .Append("defaults: {epochs: 1, threads: 1}\n")
            .Append("grid:\n  dataset: [digits, digits_inverted]\n  backbone: [small_cnn]\n  run_num: [")
            .AppendJoin(", ", Enumerable.Range(1, runs))
            .Append("]\nmethods:\n")
            .Append("  lp: {c_num: 5}\n")
            .Append(CultureInfo.InvariantCulture, $"  ft: {{lr: {{logspace: [-5, -1, {LrCount}]}}}}\n")
            .Append(CultureInfo.InvariantCulture, $"  lp_ft: {{lr: {{logspace: [-6, -2, {LrCount}]}}}}\n")
            .Append(CultureInfo.InvariantCulture, $"  daft: {{lr: {{logspace: [-6, -2, {LrCount}]}}, head_lr: {{grid: daft_head_5}}}}\n");
        return text.ToString();
    }
}
