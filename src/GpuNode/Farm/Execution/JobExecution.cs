using Daft.Shared.Farm;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>One attempt of a leased job, as a device hands it to an <see cref="IJobExecutor"/>.</summary>
/// <param name="JobId">The job's id as the coordinator computed it; the job's folder is <c>FarmHome.JobDirectory(Home, JobId)</c>.</param>
/// <param name="Attempt">1-based attempt number: names the attempt's log file.</param>
/// <param name="SpecYaml">The resolved job spec as a job file.</param>
/// <param name="Device">The device the job sees: "cpu" or "cuda:0" (a child process sees only its own GPU).</param>
/// <param name="Threads">Torch intra-op threads for the job.</param>
/// <param name="Home">The farm home (<see cref="Daft.Shared.Data.FarmHome"/>): job folders, and what <c>job:&lt;id&gt;</c> references resolve against.</param>
/// <param name="CudaVisibleDevice">The physical GPU index for <c>CUDA_VISIBLE_DEVICES</c>; null on CPU.</param>
public sealed record JobWork(string JobId, int Attempt, string SpecYaml, string Device, int Threads, string Home, string? CudaVisibleDevice);

/// <summary>How an attempt ended, ready for <see cref="JobFinished"/>.</summary>
/// <param name="Status">"succeeded", "failed" or "cancelled".</param>
/// <param name="Reason">Why it failed or was cancelled: short, specific, shown in sweep status; null on success.</param>
/// <param name="Retryable">Whether another attempt could succeed (false for a bad spec, NaN loss, out of memory).</param>
/// <param name="ResultJson">result.json's text when the job wrote one.</param>
public sealed record JobOutcome(string Status, string? Reason, bool Retryable, string? ResultJson);

/// <summary>
/// Runs one job attempt to its end. <see cref="RunAsync"/> never throws: every failure — a bad spec, a crash, a kill —
/// becomes a <see cref="JobOutcome"/>, so a device actor has one path for every ending.
/// </summary>
public interface IJobExecutor
{
    /// <summary>"process", "in-process" or "noop" (<see cref="JobExecutors.Names"/>).</summary>
    string Name { get; }

    /// <summary>
    /// Runs <paramref name="work"/>. <paramref name="onProgress"/> gets (progress, milestone) as the job reports it,
    /// milestone meaning an epoch just ended; it is called from a background thread, one call at a time, and an
    /// exception it throws is ignored. <paramref name="cancellation"/> stops the job: the outcome is then "cancelled".
    /// </summary>
    Task<JobOutcome> RunAsync(JobWork work, Action<JobProgress, bool> onProgress, CancellationToken cancellation);
}
