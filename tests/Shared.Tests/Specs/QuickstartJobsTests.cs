using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Specs;

public sealed class QuickstartJobsTests
{
    [Theory]
    [InlineData("digits-shift", "mnist_m", "digits_shift")] // the main job
    [InlineData("quickstart", "digits", "digits_inverted")] // scripts/quickstart.sh --offline
    public void Every_job_validates_and_the_transfer_jobs_start_from_the_pretrain_output(string folder, string source, string target)
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs", folder), "*.yaml").Order().ToArray();
        var specs = files.ToDictionary(f => Path.GetFileNameWithoutExtension(f), JobSpecLoader.Load);

        Assert.Equal(["daft", "ft", "lp", "lp_ft", "pretrain"], specs.Keys.Order());
        Assert.Equal(source, specs["pretrain"].Dataset);
        var pretrainModel = Path.Combine(RepoPaths.Root, "runs", folder, "pretrain", "model.safetensors");
        foreach (var (name, spec) in specs.Where(s => s.Key != "pretrain"))
        {
            Assert.Equal(target, spec.Dataset);
            Assert.Equal(pretrainModel, spec.Weights);
            Assert.Equal(name, spec.Method.Name);
        }
        Assert.Equal(Path.Combine(RepoPaths.Root, "runs", folder, "lp", "head.safetensors"), ((LpFtSpec)specs["lp_ft"].Method).LpHead);
    }
}
