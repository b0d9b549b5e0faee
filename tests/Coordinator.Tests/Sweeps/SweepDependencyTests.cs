using Daft.Shared.Specs;
using static Daft.Coordinator.Tests.Sweeps.Sweeps;

namespace Daft.Coordinator.Tests.Sweeps;

public class SweepDependencyTests
{
    private const string LpFt = """
        name: d
        grid:
          dataset: [digits]
          model:
            - {label: a, backbone: small_cnn}
            - {label: b, backbone: small_cnn, weights: /w/b.safetensors}
          run_num: [1, 2]
        methods:
          lp_ft: {lr: [0.001, 0.0001]}
          lp: {c_num: 5}
          ft: {lr: 0.1}
        """;

    [Fact]
    public void Each_lp_ft_point_starts_from_the_head_of_the_lp_job_of_its_grid_point_which_comes_first()
    {
        var plan = Plan(LpFt);

        Assert.Equal(4 * (2 + 1 + 1), plan.Jobs.Length);
        var index = plan.Jobs.Select((job, i) => (job.Id, i)).ToDictionary(entry => entry.Id, entry => entry.i);
        foreach (var lpFt in plan.OfMethod("lp_ft"))
        {
            var lp = plan.Jobs[index[Assert.Single(lpFt.DependsOn)]];
            Assert.Equal(JobReference.Of(lp.Id), ((LpFtSpec)lpFt.Spec.Method).LpHead);
            Assert.Equal(new LinearProbeSpec(-7, 2, 5, 200), lp.Spec.Method);
            Assert.Equal((lpFt.Spec.RunNum, lpFt.Spec.Weights, lpFt.Tags["model"]), (lp.Spec.RunNum, lp.Spec.Weights, lp.Tags["model"]));
            Assert.True(index[lp.Id] < index[lpFt.Id]);
        }

        // Both LRs of a point share one LP job; the sweep's own lp entry is that job (listed after lp_ft, placed before it).
        Assert.Equal(4, plan.OfMethod("lp").Count());
        Assert.Equal(4, plan.OfMethod("lp_ft").Select(job => job.DependsOn[0]).Distinct().Count());
        Assert.Equal(["lp", "lp_ft", "lp_ft", "ft"], plan.Jobs.Take(4).Select(job => job.Spec.Method.Name));
    }

    [Fact]
    public void The_lp_ft_spec_with_its_reference_is_the_job_file_that_names_its_lp_job()
    {
        var plan = Plan(LpFt);

        var lpFt = plan.OfMethod("lp_ft").First();
        var lpId = lpFt.DependsOn[0];
        Assert.Equal(Job($"dataset: digits\nbackbone: small_cnn\nrun_num: 1\nmethod: {{name: lp_ft, lr: 0.001, lp_head: job:{lpId}}}\n"), lpFt.Spec);
        Assert.Equal(JobIdentity.IdOf(Job("dataset: digits\nbackbone: small_cnn\nrun_num: 1\nmethod: {name: lp, c_num: 5}\n")), lpId);
    }

    [Fact]
    public void A_sweep_without_lp_gets_the_lp_jobs_its_lp_ft_points_need_from_lps_defaults()
    {
        var plan = Plan("name: d\ngrid:\n  dataset: [digits]\n  backbone: [small_cnn]\n  run_num: [1, 2]\nmethods:\n  ft: {lr: 0.1}\n  lp_ft: {lr: 0.001}\n");

        Assert.Equal(["ft", "lp", "lp_ft", "ft", "lp", "lp_ft"], plan.Jobs.Select(job => job.Spec.Method.Name));
        Assert.All(plan.OfMethod("lp"), lp => Assert.Equal(LinearProbeSpec.Default, lp.Spec.Method));
        Assert.All(plan.OfMethod("lp"), lp => Assert.Equal("lp", lp.Tags["method"]));
        Assert.Equal(plan.OfMethod("lp").Select(lp => lp.Id), plan.OfMethod("lp_ft").Select(job => job.DependsOn.Single()));
    }

    [Fact]
    public void An_lp_with_several_points_per_grid_point_is_an_error_when_lp_ft_needs_one_head()
    {
        var errors = ErrorLines("name: d\ndefaults: {dataset: digits, backbone: small_cnn}\nmethods:\n  lp: {c_num: [5, 10]}\n  lp_ft: {lr: 0.001}\n");

        Assert.Equal(["4:3: lp_ft starts from the head of the LP job of its grid point, but lp gives 2 LP jobs per point "
            + "(several values for `c_num`): which LP head? Give lp one value per key, or give lp_ft its own `lp_head`"], errors);
    }

    [Fact]
    public void An_lp_ft_with_its_own_head_needs_no_lp_job_and_a_job_reference_there_is_a_dependency()
    {
        const string Head = "0123456789abcdef";
        var plan = Plan($"name: d\ndefaults: {{dataset: digits, backbone: small_cnn}}\nmethods:\n  lp_ft: {{lr: 0.001, lp_head: job:{Head}}}\n");

        var job = Assert.Single(plan.Jobs);
        Assert.Equal([Head], job.DependsOn.ToArray());
        Assert.Equal("/sweeps/h.safetensors", ((LpFtSpec)Plan("name: d\ndefaults: {dataset: digits, backbone: small_cnn}\n"
            + "methods:\n  lp_ft: {lr: 0.001, lp_head: h.safetensors}\n").Jobs.Single().Spec.Method).LpHead);
    }

    [Fact]
    public void With_a_pretrain_job_every_point_starts_from_its_model_and_it_comes_first()
    {
        var plan = Plan("""
            name: p
            defaults: {epochs: 1, threads: 2}
            pretrain:
              dataset: digits
              backbone: small_cnn
              method: {name: ft, lr: 0.05}
              epochs: 3
            grid:
              dataset: [digits_inverted]
              backbone: [small_cnn]
              run_num: [1, 2]
            methods:
              lp: {c_num: 5}
              lp_ft: {lr: 0.001}
            """);

        var pretrain = plan.Jobs[0];
        Assert.Equal(Job("dataset: digits\nbackbone: small_cnn\nmethod: {name: ft, lr: 0.05}\nepochs: 3\nthreads: 2\n"), pretrain.Spec);
        Assert.Equal(["method=ft", "role=pretrain"], pretrain.Tags.Select(tag => $"{tag.Key}={tag.Value}"));
        Assert.Empty(pretrain.DependsOn);
        Assert.Equal(5, plan.Jobs.Length);
        Assert.All(plan.Jobs.Skip(1), job => Assert.Equal(JobReference.Of(pretrain.Id), job.Spec.Weights));
        Assert.All(plan.OfMethod("lp"), job => Assert.Equal([pretrain.Id], job.DependsOn.ToArray()));
        Assert.All(plan.OfMethod("lp_ft"), job => Assert.Equal(pretrain.Id, job.DependsOn[1]));
    }

    [Fact]
    public void A_pretrain_job_of_another_backbone_is_an_error()
    {
        var errors = ErrorLines("name: p\npretrain:\n  dataset: digits\n  backbone: resnet18\n  method: {name: ft, lr: 0.05}\n"
            + "defaults: {dataset: digits_inverted, backbone: small_cnn}\nmethods: {ft: {lr: 0.1}}\n");

        Assert.Equal(["3:3: the pretrain job trains resnet18, but grid points use small_cnn: its weights would not load into them"], errors);
    }
}
