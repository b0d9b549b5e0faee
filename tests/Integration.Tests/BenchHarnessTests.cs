using System.CommandLine;
using System.Text.RegularExpressions;
using Daft.Coordinator.Cli;

namespace Daft.Integration.Tests;

/// <summary>
/// <c>daft bench farm</c> in its quick mode (40 no-op jobs on 4 devices of one real <c>daft-node serve</c>: seconds), so
/// that CI runs the harness BENCHMARKS.md quotes for jobs/s and idle gaps and it cannot rot. The figures are not
/// checked: CI machines differ.
/// </summary>
public sealed partial class BenchHarnessTests
{
    [Fact]
    public async Task Bench_farm_runs_every_noop_job_and_reports_jobs_per_second_and_idle_gaps()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };

        var exitCode = await DaftCommand.Create().Parse(["bench", "farm", "--jobs", "40", "--devices", "cpu:4", "--executor", "noop"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == 0, error.ToString());
        var report = Report().Match(output.ToString());
        Assert.True(report.Success, output.ToString());
        Assert.Equal("0", report.Groups["failed"].Value);
        // 40 jobs on 4 devices: at least 36 gaps between consecutive jobs of one device.
        Assert.True(int.Parse(report.Groups["gaps"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 36, output.ToString());
    }

    [GeneratedRegex(@"40 jobs, executor noop, devices cpu:4, SQLite ledger: \d+ jobs/s \(\d+\.\d\d s from first lease to last success, (?<failed>\d+) not succeeded\); device idle gap ms: p50 [\d.]+, p95 [\d.]+, max [\d.]+ \((?<gaps>\d+) gaps\)")]
    private static partial Regex Report();
}
