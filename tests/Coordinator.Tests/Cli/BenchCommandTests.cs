using System.Globalization;
using System.Text.RegularExpressions;

namespace Daft.Coordinator.Tests.Cli;

/// <summary>
/// The benchmark verbs in their quick mode (tiny sizes, one repetition: seconds), so that CI runs the harness that
/// BENCHMARKS.md quotes and it cannot rot. The figures themselves are not checked: CI machines differ.
/// </summary>
public sealed partial class BenchCommandTests
{
    [Fact]
    public void Bench_sweep_persists_the_expanded_sweep_and_reads_its_status_before_and_half_way()
    {
        var result = CliRun.Daft("bench", "sweep", "--jobs", "300", "--repeats", "1");

        Assert.True(result.ExitCode == 0, result.Error);
        // 300 jobs round up to 3 run_nums of 142 jobs (2 datasets x 71 method points).
        Assert.Contains("426 jobs on ", result.Output);
        Assert.Matches(ExpandAndPersist(), result.Output);
        var views = ViewLine().Matches(result.Output);
        Assert.Equal(2, views.Count);
        Assert.All(views, view => Assert.Equal("426", view.Groups["total"].Value));
        Assert.Equal(("0", "0"), (views[0].Groups["running"].Value, views[0].Groups["failures"].Value));
        // Half-way: 16 running plus 20 retried and running again; 100 failed plus the 20 retries.
        Assert.Equal(("36", "120"), (views[1].Groups["running"].Value, views[1].Groups["failures"].Value));
        Assert.DoesNotContain("ledger kept", result.Output);
    }

    [Fact]
    public void Bench_expand_expands_the_generated_sweep_and_reports_min_median_max()
    {
        var result = CliRun.Daft("sweep", "bench-expand", "--points", "300", "--repeats", "1");

        Assert.True(result.ExitCode == 0, result.Error);
        var match = Regex.Match(result.Output, @"expanded 426 jobs .*: min (\d+) ms, median (\d+) ms, max (\d+) ms \(1 runs after 1 warm-up\)");
        Assert.True(match.Success, result.Output);
        var (min, max) = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.True(min <= max, result.Output);
    }

    [GeneratedRegex(@"expand \d+ ms, persist \d+ ms, expand \+ persist \d+\.\d\d s")]
    private static partial Regex ExpandAndPersist();

    [GeneratedRegex(@"min \d+\.\d ms, median \d+\.\d ms, max \d+\.\d ms \(1 runs .*view: (?<total>\d+) jobs, (?<running>\d+) running, (?<failures>\d+) failures\)")]
    private static partial Regex ViewLine();
}
