using Daft.GpuNode.Jobs;
using Daft.Shared.Results;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary>One finished in-process job: its spec, its output folder and result.json read back from disk.</summary>
public sealed record JobRun(JobSpec Spec, string Folder, RunResult Result)
{
    public string ModelPath => Path.Combine(Folder, JobRunner.ModelFile);

    public string ResultPath => Path.Combine(Folder, JobRunner.ResultFile);

    /// <summary>
    /// Parses <paramref name="yaml"/> as if it were <c>&lt;folder&gt;/job.yaml</c>, runs it with
    /// <see cref="JobRunner"/> into <paramref name="folder"/> and reads result.json back. The job's log goes to a
    /// string so test output stays readable; it is in <c>job.log</c> too.
    /// </summary>
    public static JobRun Execute(string yaml, string folder)
    {
        Directory.CreateDirectory(folder);
        var spec = JobSpecLoader.Parse(yaml, Path.Combine(folder, "job.yaml"));
        JobRunner.Run(spec, folder);
        return new JobRun(spec, folder, RunResult.FromJson(File.ReadAllText(Path.Combine(folder, JobRunner.ResultFile))));
    }
}
