using System.Diagnostics;
using System.Globalization;
using Daft.Shared.Farm;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// The default executor (DESIGN.md: one job per process): runs each attempt as a child
/// <c>daft-node run-job &lt;folder&gt;/spec.yaml --out &lt;folder&gt; --progress --job-id ID --home HOME --device D --threads T</c>
/// with <c>CUDA_VISIBLE_DEVICES</c> set to the device's GPU (empty for a CPU job, so it never grabs one). When the
/// child exits its GPU memory is certainly released, a native crash kills one job and not the node, and each attempt
/// has its own log (<c>attempt-&lt;N&gt;.log</c>: the child's stdout and stderr, and this executor's notes). Cancelling kills the child's whole
/// process tree.
/// </summary>
/// <param name="command">How to start daft-node; default <see cref="NodeCommand.Current"/>.</param>
public sealed class ProcessJobExecutor(NodeCommand? command = null) : IJobExecutor
{
    /// <summary>How long to wait for a killed child to be reaped and its pipes to close before giving up on them.</summary>
    static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    public string Name => "process";

    /// <summary>The command each child runs.</summary>
    public NodeCommand Command { get; } = command ?? NodeCommand.Current();

    public async Task<JobOutcome> RunAsync(JobWork work, Action<JobProgress, bool> onProgress, CancellationToken cancellation)
    {
        try
        {
            var folder = JobFolder.Prepare(work);
            await using var log = folder.OpenAttemptLog();
            using var output = new ChildOutput(log, onProgress);
            return await Run(work, folder, output, cancellation);
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            return JobStatuses.Cancellation();
        }
        catch (Exception error)
        {
            // Setting up or starting the child failed (disk full, a missing executable): this node's trouble, not the job's.
            return JobStatuses.Failure($"could not run the job process: {error.GetType().Name}: {error.Message}", retryable: true);
        }
    }

    async Task<JobOutcome> Run(JobWork work, JobFolder folder, ChildOutput output, CancellationToken cancellation)
    {
        string[] arguments =
        [
            "run-job", folder.SpecPath, "--out", folder.Path, "--progress", "--job-id", work.JobId, "--home", Path.GetFullPath(work.Home),
            "--device", work.Device, "--threads", work.Threads.ToString(CultureInfo.InvariantCulture),
        ];
        var start = Command.StartInfo(arguments);
        start.WorkingDirectory = folder.Path;
        start.Environment["CUDA_VISIBLE_DEVICES"] = work.CudaVisibleDevice ?? "";
        output.Note($"attempt {work.Attempt}: {Command.Describe(arguments)} (CUDA_VISIBLE_DEVICES='{work.CudaVisibleDevice}')");
        if (cancellation.IsCancellationRequested)
            return JobStatuses.Cancellation();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var pumps = Task.WhenAll(output.PumpStdout(child.StandardOutput), output.PumpStderr(child.StandardError));
        try
        {
            await child.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Kill(child, output);
            await WaitQuietly(child.WaitForExitAsync(), pumps);
            output.Note("cancelled: the job process tree was killed");
            return JobStatuses.Cancellation(folder.ReadResult());
        }
        catch
        {
            Kill(child, output);
            throw;
        }
        // Exited: the pipes close with it, unless a grandchild inherited them (then stop waiting after a while).
        await WaitQuietly(pumps);
        var outcome = JobOutcomeClassifier.FromProcess(child.ExitCode, folder.ReadResult(), output.ErrorLines());
        output.Note($"exit code {child.ExitCode}: {outcome.Status}{(outcome.Reason is null ? "" : $" ({outcome.Reason})")}");
        return outcome;
    }

    static void Kill(Process child, ChildOutput output)
    {
        try
        {
            child.Kill(entireProcessTree: true);
        }
        catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited on its own meanwhile.
            output.Note($"kill: {error.Message}");
        }
    }

    static async Task WaitQuietly(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(KillWait);
        }
        catch (TimeoutException)
        {
            // A pipe held open by an orphan: what was read is enough.
        }
    }
}
