using Daft.Shared.Specs;

namespace Daft.Shared.Tests.Specs;

public class JobSpecYamlTests
{
    public static TheoryData<JobSpec> Specs => new()
    {
        Spec(new FineTuneSpec(0.05, BnMode.Train)),
        Spec(new LinearProbeSpec(-7, 2, 50, 200)),
        Spec(new LpFtSpec(3e-7, BnMode.Eval, "/runs/lp/head.safetensors", new LinearProbeSpec(-3.5, 1e-3, 7, 10))),
        Spec(new DaftSpec(1e-4, 1.0, false, BnMode.Eval)) with
        {
            DataRoot = "my data/with: colon",
            ImageSize = 224,
            Weights = "/models/moco v2.safetensors",
            Momentum = 0,
            WeightDecay = 5e-4,
            Nesterov = false,
            Augment = false,
            RunNum = 3,
            Seed = 12345678901,
            Threads = 16,
            Device = "cuda:3",
            LogEveryNSteps = 1,
        },
        // Values that YAML would read as another type unless quoted.
        Spec(new FineTuneSpec(1, BnMode.Train)) with { DataRoot = "true" },
        Spec(new FineTuneSpec(1e20, BnMode.Train)) with { DataRoot = "null" },
        Spec(new FineTuneSpec(0.5, BnMode.Train)) with { DataRoot = "a \"quoted\" \\ name" },
        Spec(new FineTuneSpec(0.5, BnMode.Train)) with { DataRoot = "-x:" },
        Spec(new FineTuneSpec(0.5, BnMode.Train)) with { DataRoot = "10" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void ToYaml_reads_back_to_an_equal_spec_with_the_same_id(JobSpec spec)
    {
        var plain = JobSpecLoader.Parse(spec.ToYaml(), "/elsewhere/job.yaml");
        var annotated = JobSpecLoader.Parse(spec.ToYaml(withNotes: true), "/elsewhere/job.yaml");

        Assert.Equal(spec, plain);
        Assert.Equal(spec, annotated);
        Assert.Equal(JobIdentity.IdOf(spec), JobIdentity.IdOf(plain));
    }

    [Fact]
    public void ToYaml_writes_every_resolved_key_in_schema_order()
    {
        var spec = JobSpecLoader.Parse("dataset: digits\nbackbone: small_cnn\nmethod: {name: daft, lr: 1e-5}\n", "/j/a.yaml");

        Assert.Equal(
            """
            dataset: digits
            backbone: small_cnn
            method:
              name: daft
              lr: 1.0e-05
              head_lr: 1.0
              convert_bn: true
              bn_mode: train
            epochs: 20
            batch_size: 64
            momentum: 0.9
            weight_decay: 0.0
            nesterov: false
            augment: true
            run_num: 1
            seed: 0
            device: cpu
            log_every_n_steps: 0

            """,
            spec.ToYaml());
    }

    [Fact]
    public void Notes_give_the_id_and_say_when_the_seed_is_the_derived_one()
    {
        var derived = JobSpecLoader.Parse("dataset: digits\nbackbone: resnet18\nmethod: {name: lp}\nrun_num: 2\n", "/j/a.yaml");
        var chosen = derived with { Seed = 99 };

        var derivedYaml = derived.ToYaml(withNotes: true);
        var chosenYaml = chosen.ToYaml(withNotes: true);

        Assert.StartsWith($"# id: {JobIdentity.IdOf(derived)}\n", derivedYaml);
        Assert.Contains("\nseed: 1  # derived: run_num - 1\n", derivedYaml);
        Assert.Contains("\nseed: 99\n", chosenYaml);
    }

    private static JobSpec Spec(MethodSpec method) =>
        new("digits", null, null, "small_cnn", null, method, 5, 64, 0.9, 0, false, true, 1, 0, null, "cpu", 0);
}
