namespace Daft.GpuNode.Farm.Execution;

/// <summary>The executors a node can run jobs with, by the name its <c>--executor</c> option takes.</summary>
public static class JobExecutors
{
    /// <summary>The names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["process", "in-process", "noop"];

    /// <summary>
    /// A new executor of <paramref name="name"/>: process (default), in-process or noop; <c>noop:SECONDS</c> is a noop
    /// whose every attempt takes that long, so that a node can be killed mid-job in a sweep of hundreds of jobs that
    /// costs seconds, not the minutes real training would (the reliability tests).
    /// </summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static IJobExecutor Create(string name) => name switch
    {
        "process" => new ProcessJobExecutor(),
        "in-process" => new InProcessJobExecutor(),
        "noop" => new NoopJobExecutor(),
        _ when name.StartsWith("noop:", StringComparison.Ordinal)
            && double.TryParse(name[5..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 3600 => new NoopJobExecutor(TimeSpan.FromSeconds(seconds)),
        _ => throw new ArgumentException($"Unknown job executor '{name}': use {string.Join(", ", Names)} (or noop:SECONDS).", nameof(name)),
    };
}
