using Daft.GpuNode.Jobs;
using Daft.Shared.Data;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// A job's folder under the farm home, set up for one attempt: the spec as the coordinator sent it in
/// <c>spec.yaml</c>, a previous attempt's result.json removed (a crash must not pass for that attempt's success), and
/// <c>attempt-&lt;N&gt;.log</c> for this attempt's log: the job's lines (<see cref="JobLogs"/>), the executor's own, and
/// in a child process whatever else it printed (job.log is rewritten by every attempt; these are kept).
/// </summary>
sealed class JobFolder
{
    JobFolder(string path, int attempt)
    {
        Path = path;
        SpecPath = System.IO.Path.Combine(path, "spec.yaml");
        ResultPath = System.IO.Path.Combine(path, JobRunner.ResultFile);
        AttemptLogPath = System.IO.Path.Combine(path, $"attempt-{attempt}.log");
    }

    public string Path { get; }

    public string SpecPath { get; }

    public string ResultPath { get; }

    public string AttemptLogPath { get; }

    /// <summary>Creates the folder (its path made absolute: the child runs in it) and writes spec.yaml.</summary>
    /// <exception cref="ArgumentException">The job id is not one (it names a folder: no path may hide in it).</exception>
    public static JobFolder Prepare(JobWork work)
    {
        if (!JobReference.IsJobId(work.JobId))
            throw new ArgumentException($"'{work.JobId}' is not a job id (16 lowercase hex characters).", nameof(work));
        var folder = new JobFolder(System.IO.Path.GetFullPath(FarmHome.JobDirectory(work.Home, work.JobId)), work.Attempt);
        Directory.CreateDirectory(folder.Path);
        File.WriteAllText(folder.SpecPath, work.SpecYaml);
        File.Delete(folder.ResultPath);
        return folder;
    }

    /// <summary>result.json's text, or null when the attempt wrote none.</summary>
    public string? ReadResult() => File.Exists(ResultPath) ? File.ReadAllText(ResultPath) : null;

    /// <summary>The attempt's log, appended to (a re-leased attempt of the same number adds to it).</summary>
    public StreamWriter OpenAttemptLog() => new(AttemptLogPath, append: true) { AutoFlush = true };
}
