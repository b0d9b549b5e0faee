using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Specs;

public sealed class QuickstartJobsTests
{
    [Fact]
    public void Every_quickstart_job_validates_and_the_transfer_jobs_start_from_the_pretrain_output()
    {
        var files = Directory.GetFiles(RepoPaths.QuickstartFolder, "*.yaml").Order().ToArray();
        var specs = files.ToDictionary(f => Path.GetFileNameWithoutExtension(f), JobSpecLoader.Load);

        Assert.Equal(["daft", "ft", "lp", "lp_ft", "pretrain"], specs.Keys.Order());
        var pretrainModel = Path.Combine(RepoPaths.Root, "runs", "quickstart", "pretrain", "model.safetensors");
        foreach (var (name, spec) in specs.Where(s => s.Key != "pretrain"))
        {
            Assert.Equal("digits_inverted", spec.Dataset);
            Assert.Equal(pretrainModel, spec.Weights);
            Assert.Equal(name, spec.Method.Name);
        }
        Assert.Equal(Path.Combine(RepoPaths.Root, "runs", "quickstart", "lp", "head.safetensors"), ((LpFtSpec)specs["lp_ft"].Method).LpHead);
    }
}
