using System.Reflection;
using System.Text.Json;
using Daft.GpuNode.Pipelines;
using Daft.Shared.Farm;
using Daft.Shared.Results;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// Runs nothing: each attempt "succeeds" with a small, valid result.json text (status succeeded, no metrics) and
/// touches no file (unless the spec names a dataset file), so a benchmark measures the farm's own overhead — leasing, heartbeats, the ledger — per job.
/// With <paramref name="epochs"/> &gt; 0 it reports that many milestones, spread over <paramref name="delay"/>, as
/// a training job would; cancelling during the delay ends it "cancelled".
/// </summary>
/// <param name="delay">How long each attempt takes (default none).</param>
/// <param name="epochs">Milestones to report (default 0: only the setup and done phases).</param>
public sealed class NoopJobExecutor(TimeSpan delay = default, int epochs = 0) : IJobExecutor
{
    static readonly string Version =
        typeof(NoopJobExecutor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string Name => "noop";

    public async Task<JobOutcome> RunAsync(JobWork work, Action<JobProgress, bool> onProgress, CancellationToken cancellation)
    {
        try
        {
            // The spec is read as the real executors read it: a spec they would refuse fails here too.
            var spec = JobSpecLoader.Parse(work.SpecYaml, Path.Combine(work.Home, "jobs", work.JobId, "spec.yaml"));
            Report(onProgress, new JobProgress(JobPhases.Setup, 0, epochs, null, null, null), false);
            for (var epoch = 1; epoch <= epochs; epoch++)
            {
                await Task.Delay(delay / epochs, cancellation);
                Report(onProgress, new JobProgress(JobPhases.Eval, epoch, epochs, null, null, null), true);
            }
            if (epochs == 0 && delay > TimeSpan.Zero)
                await Task.Delay(delay, cancellation);
            Report(onProgress, new JobProgress(JobPhases.Done, epochs, epochs, null, null, null), false);
            return JobStatuses.Success(ResultJson(work, spec));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return JobStatuses.Cancellation();
        }
        catch (Exception error)
        {
            return JobOutcomeClassifier.FromException(error, null);
        }
    }

    /// <summary>result.json of a job that ran no epoch: the spec's names, status succeeded, empty metrics.</summary>
    static string ResultJson(JobWork work, JobSpec spec) => new RunResult(
        work.JobId, spec.Method.Name, spec.Dataset, spec.Backbone, spec.RunNum, spec.Seed, JobStatuses.Succeeded, null, 0,
        [], [], [], null, null, new Timings(0, 0, 0, 0, 0, 0, 0),
        new RunEnvironment(Version, "noop", "noop", Environment.Version.ToString(), work.Device, work.Threads, Environment.MachineName),
        JsonDocument.Parse(JobIdentity.CanonicalJson(spec)).RootElement.Clone()).ToJson();

    static void Report(Action<JobProgress, bool> onProgress, JobProgress progress, bool milestone)
    {
        try
        {
            onProgress(progress, milestone);
        }
        catch (Exception)
        {
            // Progress is advisory, here as in the real executors.
        }
    }
}
