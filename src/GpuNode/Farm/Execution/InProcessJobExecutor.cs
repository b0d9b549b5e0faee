using Daft.GpuNode.Cli;
using Daft.GpuNode.Jobs;
using Daft.Shared.Farm;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// Runs each attempt with <see cref="JobRunner"/> in this process, on a thread of its own: no process start (tests,
/// tiny jobs, measuring what a child process costs), but a native crash takes the node down and GPU memory is only
/// as free as libtorch's caching allocator leaves it. The job folder, spec.yaml, attempt log and classification are
/// those of <see cref="ProcessJobExecutor"/>.
/// </summary>
/// <remarks>
/// libtorch's thread count is process-wide: the job sets it to <see cref="JobWork.Threads"/> for the whole process,
/// so several devices running in-process at once share whichever count was set last. Use the process executor
/// for more than one device when thread budgets matter. A CUDA job runs on the physical GPU of
/// <see cref="JobWork.CudaVisibleDevice"/> (no <c>CUDA_VISIBLE_DEVICES</c> of its own here).
/// </remarks>
public sealed class InProcessJobExecutor : IJobExecutor
{
    public string Name => "in-process";

    public Task<JobOutcome> RunAsync(JobWork work, Action<JobProgress, bool> onProgress, CancellationToken cancellation) =>
        Task.Factory.StartNew(() => Run(work, onProgress, cancellation), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    static JobOutcome Run(JobWork work, Action<JobProgress, bool> onProgress, CancellationToken cancellation)
    {
        JobFolder folder;
        try
        {
            folder = JobFolder.Prepare(work);
        }
        catch (Exception error)
        {
            return error is ArgumentException
                ? JobStatuses.Failure($"bad job spec: {error.Message}", retryable: false)
                : JobStatuses.Failure($"could not prepare the job folder: {error.GetType().Name}: {error.Message}", retryable: true);
        }
        try
        {
            using var log = JobLogs.File(folder.AttemptLogPath);
            var spec = JobSpecLoader.Parse(work.SpecYaml, folder.SpecPath);
            var id = JobIdentity.IdOf(spec);
            if (id != work.JobId)
                return JobStatuses.Failure($"bad job spec: {RunJobCommand.IdMismatch(work.JobId, id)}", retryable: false);
            spec = spec with { Device = DeviceFor(work), Threads = work.Threads };
            var result = JobRunner.Run(spec, folder.Path, cancellation, log, (progress, milestone) => Forward(onProgress, progress, milestone), work.Home);
            return JobOutcomeClassifier.FromResult(folder.ReadResult() ?? result.ToJson());
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            // A cancelled job may end in another exception than OperationCanceledException (a prefetch task's, wrapped).
            return JobStatuses.Cancellation(SafeRead(folder));
        }
        catch (Exception error)
        {
            return JobOutcomeClassifier.FromException(error, SafeRead(folder));
        }
    }

    /// <summary>
    /// The torch device of the job's GPU in this process: its physical index, or its position in this process's own
    /// <c>CUDA_VISIBLE_DEVICES</c> list when the node was started with one.
    /// </summary>
    internal static string DeviceFor(JobWork work, string? visible = null)
    {
        if (work.CudaVisibleDevice is not { } physical)
            return work.Device;
        visible ??= Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES");
        if (string.IsNullOrWhiteSpace(visible))
            return $"cuda:{physical}";
        var position = Array.IndexOf([.. visible.Split(',').Select(entry => entry.Trim())], physical);
        // A misconfigured node, not a bad job: InvalidOperationException classifies as retryable (another node may run it).
        return position >= 0 ? $"cuda:{position}" : throw new InvalidOperationException(
            $"GPU {physical} is not among this process's CUDA_VISIBLE_DEVICES ({visible})");
    }

    static void Forward(Action<JobProgress, bool> onProgress, JobProgress progress, bool milestone)
    {
        try
        {
            onProgress(progress, milestone);
        }
        catch (Exception)
        {
            // Progress is advisory: a listener's fault must not fail the job.
        }
    }

    static string? SafeRead(JobFolder folder)
    {
        try
        {
            return folder.ReadResult();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
