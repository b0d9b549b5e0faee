using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Pipelines;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Pipelines;

/// <summary>
/// Runs a method's pipeline on hand-made splits (a cut-down train set, a contrived id_val) without the job runner,
/// so a test controls exactly what each step and each evaluation sees.
/// </summary>
static class InMemoryJob
{
    /// <summary>The pipeline of <paramref name="yaml"/>'s method over <paramref name="data"/>, on the CPU; its files go to a folder deleted afterwards.</summary>
    public static PipelineOutcome Run(string yaml, DatasetSplits data, ClassifierNetwork model)
    {
        var spec = JobSpecLoader.Parse(yaml, "in-memory-job.yaml");
        var output = Directory.CreateTempSubdirectory("daft-pipeline-").FullName;
        try
        {
            var context = new JobContext
            {
                Spec = spec,
                JobId = JobIdentity.IdOf(spec),
                Data = data,
                Device = CPU,
                OutputDirectory = output,
                Log = Serilog.Core.Logger.None,
                CreateModel = () => Backbones.Create(spec.Backbone, data.NumClasses),
            };
            return PipelineFactory.For(spec.Method).Run(context, model);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Row indices 0..count-1, for <see cref="ImageSet.Subset"/>.</summary>
    public static long[] FirstRows(int count) => [.. Enumerable.Range(0, count).Select(i => (long)i)];
}
