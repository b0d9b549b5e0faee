using System.Collections.Concurrent;
using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Tests.Jobs;
using Daft.Shared.Data;
using Daft.Shared.Farm;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>Jobs as the farm hands them to an executor: a fresh farm home, the spec's id computed as the coordinator does.</summary>
static class FarmJobs
{
    /// <summary>FT of the small CNN on digits: one epoch, a few seconds on 2 threads.</summary>
    public const string OneEpoch = """
        dataset: digits
        backbone: small_cnn
        method:
          name: ft
          lr: 0.05
        epochs: 1
        threads: 2
        """;

    /// <summary>The same for many epochs: still running when a test cancels or kills it after the first.</summary>
    public const string ManyEpochs = """
        dataset: digits
        backbone: small_cnn
        method:
          name: ft
          lr: 0.05
        epochs: 200
        threads: 2
        """;

    /// <summary>A 2-point probe: the cheapest job that writes model.safetensors and head.safetensors.</summary>
    public const string Probe = """
        dataset: digits
        backbone: small_cnn
        method:
          name: lp
          c_num: 2
          max_iter: 20
        threads: 2
        """;

    public static string NewHome() => DigitsRuns.NewFolder("farm-home");

    /// <summary>Attempt <paramref name="attempt"/> of <paramref name="yaml"/> on the CPU with 2 threads.</summary>
    public static JobWork Work(string home, string yaml, int attempt = 1) =>
        new(IdOf(yaml), attempt, yaml, "cpu", 2, home, null);

    public static string IdOf(string yaml) => JobIdentity.IdOf(JobSpecLoader.Parse(yaml, "job.yaml"));

    public static string Folder(JobWork work) => FarmHome.JobDirectory(work.Home, work.JobId);
}

/// <summary>Collects progress events from an executor's background thread; lets a test wait for one.</summary>
sealed class ProgressLog
{
    readonly ConcurrentQueue<(JobProgress Progress, bool Milestone)> _events = new();
    readonly SemaphoreSlim _arrived = new(0);

    public Action<JobProgress, bool> Sink => (progress, milestone) =>
    {
        _events.Enqueue((progress, milestone));
        _arrived.Release();
    };

    public IReadOnlyList<(JobProgress Progress, bool Milestone)> Events => [.. _events];

    /// <summary>Waits until an event matches <paramref name="match"/>; fails the test after <paramref name="seconds"/>.</summary>
    public async Task WaitFor(Func<JobProgress, bool, bool> match, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!_events.Any(e => match(e.Progress, e.Milestone)))
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"no matching progress event in {seconds}s; got: {string.Join(", ", _events.Select(e => e.Progress.Phase))}");
            await _arrived.WaitAsync(left);
        }
    }
}

/// <summary>The processes of this machine whose command line mentions a string (Linux /proc): a job's children.</summary>
static class ChildProcesses
{
    public static IReadOnlyList<int> Mentioning(string text) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(pid => ReadCommandLine(pid!).Contains(text, StringComparison.Ordinal))
            .Select(pid => int.Parse(pid!))];

    static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return ""; // exited meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
