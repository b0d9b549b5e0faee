using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Probing;
using Daft.GpuNode.Weights;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary>A job with an MLP head and a step schedule through the job runner: its files, and its model as another job's weights.</summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class MlpHeadJobTests
{
    [Fact]
    public void The_runner_writes_the_mlp_heads_names_and_a_spec_that_reads_back_to_the_same_job()
    {
        var folder = Directory.CreateTempSubdirectory("daft-mlp-job-").FullName;
        try
        {
            var run = JobRun.Execute("""
                dataset: digits
                backbone: small_cnn
                method: {name: ft, lr: 0.05}
                epochs: 2
                threads: 2
                lr_schedule: step
                lr_step_size: 1
                head_hidden: [24]
                head_activation: gelu
                """, folder);

            Assert.Equal("succeeded", run.Result.Status);
            // StepLR(1, 0.1) multiplies: 0.05 * 0.1 is 0.005000000000000001, in torch too.
            Assert.Equal([[0.05, 0.05], [0.05 * 0.1, 0.05 * 0.1]], run.Result.Epochs.Select(e => e.LearningRates.ToArray()));
            var saved = SafeTensors.Load(run.ModelPath);
            Assert.Equal(["fc.0.bias", "fc.0.weight", "fc.3.bias", "fc.3.weight"], saved.Keys.Where(k => k.StartsWith("fc.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Equal([24L, 128L], saved["fc.0.weight"].shape);
            var spec = JobSpecLoader.Load(Path.Combine(folder, "spec.yaml"));
            Assert.Equal(run.Spec, spec);
            Assert.Equal(new HeadSpec([24], HeadActivation.Gelu, 0), spec.Head);

            // As another job's weights, the body loads and the MLP's entries are reported, the linear head kept.
            using var model = new SmallCnn(10);
            var report = StateDictLoader.Load(model, run.ModelPath);
            Assert.Contains("fc.0.weight", report.Unexpected);
            Assert.True(report.Loaded > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
