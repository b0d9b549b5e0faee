namespace Daft.GpuNode.Farm.Execution;

/// <summary>The executors a node can run jobs with, by the name its <c>--executor</c> option takes.</summary>
public static class JobExecutors
{
    /// <summary>The names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["process", "in-process", "noop"];

    /// <summary>A new executor of <paramref name="name"/>: process (default), in-process or noop.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static IJobExecutor Create(string name) => name switch
    {
        "process" => new ProcessJobExecutor(),
        "in-process" => new InProcessJobExecutor(),
        "noop" => new NoopJobExecutor(),
        _ => throw new ArgumentException($"Unknown job executor '{name}': use {string.Join(", ", Names)}.", nameof(name)),
    };
}
