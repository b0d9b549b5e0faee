using Daft.Coordinator.Jobs;
using Daft.Coordinator.Sweeps;
using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Sweeps;

public class ShippedSweepsTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "configs", "sweeps");

    // Counted by hand from each file (per run_num: lp + ft LRs + lp_ft LRs + daft body x head LRs, per dataset).
    private static readonly Dictionary<string, int> ExpectedJobs = new()
    {
        // 1 pretrain + 2 run_nums x 4 methods.
        ["tiny"] = 9,
        // 1 pretrain + 1 run_num x 4 methods.
        ["digits-shift"] = 5,
        // 1 pretrain + 3 x (1 + 3 + 3 + 2 x 2).
        ["digits-shift-lr"] = 34,
        // 1 pretrain + 3 run_nums x 5 methods (ft, dann, lp, lp_ft, daft).
        ["digits-da"] = 16,
        // 3 x (CIFAR-10 1+8+6+4x5, DomainNet 1+5+6+6x5, Living-17 1+8+6+4x5, Entity-30 1+8+6+4x5, fMoW 1+8+6+5x5).
        ["paper-moco"] = 3 * (35 + 42 + 35 + 35 + 40),
        // 3 x (CIFAR-10 35, DomainNet 1+8+6+5x5, Living-17 35, Entity-30 35, fMoW 1+8+6+5x5).
        ["paper-clip"] = 3 * (35 + 40 + 35 + 35 + 40),
        // 3 x (CIFAR-10 1+8+8+4x5, DomainNet 1+8+8+5x5, Living-17 1+2+8+4x5, Entity-30 1+8+8+5x5, fMoW 1+8+8+5x5).
        ["paper-swav"] = 3 * (37 + 42 + 31 + 42 + 42),
    };

    public static TheoryData<string> Files() => [.. ExpectedJobs.Keys];

    [Fact]
    public void Every_shipped_sweep_has_its_expected_count_here()
    {
        Assert.Equal(ExpectedJobs.Keys.Order(), Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_shipped_sweep_expands_to_the_jobs_counted_by_hand_dependencies_first(string name)
    {
        var plan = SweepLoader.Load(Path.Combine(Folder, name + ".yaml"));

        Assert.Equal(name, plan.Name);
        Assert.Equal(ExpectedJobs[name], plan.Jobs.Length);
        var seen = new HashSet<string>();
        foreach (var job in plan.Jobs)
        {
            Assert.All(job.DependsOn, dependency => Assert.Contains(dependency, seen));
            Assert.True(seen.Add(job.Id));
        }

        Assert.All(plan.Jobs.Where(job => job.Spec.Method is LpFtSpec), job => Assert.NotEmpty(job.DependsOn));
    }

    [Fact]
    public void The_format_example_of_the_sweeps_readme_is_a_valid_sweep()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));
        var start = readme.IndexOf("```yaml\n", readme.IndexOf("## The format", StringComparison.Ordinal), StringComparison.Ordinal) + 8;
        var plan = SweepLoader.Parse(readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)], Path.Combine(Folder, "example.yaml"));

        // 3 run_nums x (small: 1 lp + 2 ft + 6 lp_ft + 3 x 2 daft; r18: 1 + 2 + 6 + 2 x 2, its ft and daft at batch 32).
        Assert.Equal(3 * (15 + 13), plan.Jobs.Length);
        Assert.All(plan.Jobs.Where(job => job.Tags["model"] == "r18" && job.Spec.Method is FineTuneSpec or DaftSpec),
            job => Assert.Equal(32, job.Spec.BatchSize));
    }

    [Fact]
    public void The_digits_shift_sweep_runs_the_jobs_of_the_digits_shift_job_files_chained_by_references()
    {
        var plan = SweepLoader.Load(Path.Combine(Folder, "digits-shift.yaml"));
        JobSpec File(string job) => JobSpecLoader.Load(Path.Combine(RepoPaths.Root, "configs", "digits-shift", job + ".yaml"));

        // Same computations, so the same ids (threads is how to run, not what: the sweep leaves it to the farm).
        var pretrain = plan.Jobs[0];
        Assert.Equal(JobIdentity.IdOf(File("pretrain")), pretrain.Id);
        Assert.Equal("b24fd782dccdf75c", pretrain.Id);
        var lp = plan.Jobs.Single(job => job.Spec.Method is LinearProbeSpec);
        foreach (var job in plan.Jobs.Skip(1))
        {
            var expected = File(job.Spec.Method.Name) with { Weights = JobReference.Of(pretrain.Id) };
            if (expected.Method is LpFtSpec lpFt)
            {
                expected = expected with { Method = lpFt with { LpHead = JobReference.Of(lp.Id) } };
            }

            Assert.Equal(JobIdentity.IdOf(expected), job.Id);
        }

        Assert.Equal(["ft", "lp", "ft", "lp_ft", "daft"], plan.Jobs.Select(job => job.Spec.Method.Name));
        Assert.Equal(new DeviceRequirement("cpu", 0), pretrain.Requirement);
    }

    [Fact]
    public void The_paper_sweeps_have_the_published_grids_per_cell()
    {
        var moco = SweepLoader.Load(Path.Combine(Folder, "paper-moco.yaml"));
        var swav = SweepLoader.Load(Path.Combine(Folder, "paper-swav.yaml"));
        var clip = SweepLoader.Load(Path.Combine(Folder, "paper-clip.yaml"));

        static IEnumerable<double> Lrs(SweepPlan plan, string dataset, string method) => plan.Jobs
            .Where(job => job.Spec.Dataset == dataset && job.Spec.Method.Name == method && job.Spec.RunNum == 1)
            .Select(job => job.Spec.Method switch { FineTuneSpec ft => ft.Lr, LpFtSpec lpFt => lpFt.Lr, DaftSpec daft => daft.Lr, _ => 0 })
            .Distinct();

        Assert.Equal([0.1, 0.03], Lrs(swav, "living17", "ft"));
        Assert.Equal([0.01, 0.003, 0.001, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6], Lrs(swav, "cifar10", "lp_ft"));
        Assert.Equal([1e-4, 3e-5, 1e-6, 3e-7], Lrs(clip, "entity30", "daft"));
        Assert.Equal([1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6], Lrs(moco, "domainnet", "daft"));
        Assert.Equal([0.01, 0.003, 0.001, 3e-4, 1e-4], Lrs(moco, "domainnet", "ft"));
        Assert.All(moco.Jobs.Where(job => job.Spec.Dataset == "fmow"), job => Assert.EndsWith("/weights/mocotp_fmow.safetensors", job.Spec.Weights));
        Assert.All(moco.Jobs.Where(job => job.Spec.Dataset == "cifar10"), job => Assert.EndsWith("/weights/moco_v2_800ep.safetensors", job.Spec.Weights));
        Assert.All(moco.Jobs.Where(job => job.Spec.Method is not LinearProbeSpec),
            job => Assert.Equal(job.Spec.Dataset is "domainnet" or "fmow" ? 50 : 20, job.Spec.Epochs));
        Assert.All(moco.Jobs.Where(job => job.Spec.Method is DaftSpec), job => Assert.Contains(((DaftSpec)job.Spec.Method).HeadLr, new[] { 10, 3, 1, 0.3, 0.1 }));
        Assert.All(moco.Jobs.Where(job => job.Spec.Method is LinearProbeSpec), job => Assert.Equal(LinearProbeSpec.Default, job.Spec.Method));
        Assert.All(moco.Jobs, job => Assert.Equal(new DeviceRequirement("cuda", 16 * 1024), job.Requirement));
        Assert.Equal(["method", "model"], moco.Jobs[0].Tags.Keys);
    }

    [Fact]
    public void The_method_files_hold_the_papers_defaults_and_an_invalid_one_names_its_file_and_line()
    {
        var plan = SweepLoader.Parse("name: m\ndefaults: {dataset: cifar10, backbone: resnet50}\nmethods: [lp, ft, lp_ft, daft]\n", "/s/m.yaml");

        Assert.Equal(LinearProbeSpec.Default, plan.Jobs.Single(job => job.Spec.Method is LinearProbeSpec).Spec.Method);
        Assert.Equal([0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 3e-4, 1e-4],
            plan.Jobs.Select(job => job.Spec.Method).OfType<FineTuneSpec>().Select(ft => ft.Lr));
        Assert.All(plan.Jobs.Select(job => job.Spec.Method).OfType<FineTuneSpec>(), ft => Assert.Equal(BnMode.Train, ft.BnMode));
        Assert.Equal([1e-4, 3e-5, 1e-5, 3e-6, 1e-6, 3e-7], plan.Jobs.Select(job => job.Spec.Method).OfType<LpFtSpec>().Select(lpFt => lpFt.Lr));
        Assert.Equal(
            from lr in new[] { 1e-4, 3e-5, 1e-5, 3e-6 } from head in new[] { 10, 3, 1, 0.3, 0.1 } select new DaftSpec(lr, head, true, BnMode.Train),
            plan.Jobs.Select(job => job.Spec.Method).OfType<DaftSpec>());

        var dann = SweepLoader.Parse("name: m\ndefaults: {dataset: digits_da, backbone: small_cnn}\nmethods: [dann]\n", "/s/m.yaml");
        Assert.Equal(new[] { 0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 3e-4, 1e-4 }.Select(lr => new DannSpec(lr, 100, BnMode.Train)), dann.Jobs.Select(job => job.Spec.Method));

        var error = Assert.Single(Assert.Throws<ConfigException>(() => MethodCatalog.Parse(
            new Dictionary<string, string> { ["grids"] = "a: [1]\n", ["ft"] = "lr: {grid: b}\n" }, "configs/methods")).Errors);
        Assert.Equal(new ConfigError("configs/methods/ft.yaml", 1, 12, "unknown grid `b`; named grids: a"), error);
    }
}
