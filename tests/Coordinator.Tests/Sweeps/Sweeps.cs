using Daft.Coordinator.Jobs;
using Daft.Coordinator.Sweeps;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Tests.Sweeps;

/// <summary>Test helpers: a sweep parsed from text as if it were /sweeps/test.yaml, and its errors.</summary>
internal static class Sweeps
{
    public const string Source = "/sweeps/test.yaml";

    public static SweepPlan Plan(string yaml) => SweepLoader.Parse(yaml, Source);

    public static IReadOnlyList<ConfigError> Errors(string yaml) =>
        Assert.Throws<ConfigException>(() => SweepLoader.Parse(yaml, Source)).Errors;

    /// <summary>The errors as <c>line:col: message</c>, one per string.</summary>
    public static IReadOnlyList<string> ErrorLines(string yaml) =>
        [.. Errors(yaml).Select(error => $"{error.Line}:{error.Column}: {error.Message}")];

    /// <summary>The job file with these lines, as the job-file loader reads it next to the sweep.</summary>
    public static JobSpec Job(string yaml) => JobSpecLoader.Parse(yaml, "/sweeps/job.yaml");

    public static IEnumerable<PlannedJob> OfMethod(this SweepPlan plan, string method) =>
        plan.Jobs.Where(job => job.Spec.Method.Name == method);
}
