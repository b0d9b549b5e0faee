using System.Globalization;
using Daft.Shared.Specs;

namespace Daft.Shared.Tests.Specs;

public class JobIdentityTests
{
    private const string Ft = """
        dataset: digits
        backbone: small_cnn
        method:
          name: ft
          lr: 0.05
        epochs: 5
        """;

    [Fact]
    public void The_canonical_form_and_id_are_pinned()
    {
        // Stored results are keyed by this id: if this test fails, every finished job would run again.
        var spec = Parse(Ft);

        Assert.Equal(
            """
            {"augment":true,"backbone":"small_cnn","batch_size":64,"dataset":"digits","epochs":5,"method":{"bn_mode":"train","lr":0.05,"name":"ft"},"momentum":0.9,"nesterov":false,"run_num":1,"seed":0,"weight_decay":0}
            """,
            JobIdentity.CanonicalJson(spec));
        // = hashlib.sha256(canonical.encode()).hexdigest()[:16] in Python.
        Assert.Equal("6f2a672c9c94165a", JobIdentity.IdOf(spec));
    }

    [Fact]
    public void Key_order_does_not_change_the_id()
    {
        var reordered = Parse("""
            epochs: 5
            method:
              lr: 0.05
              name: ft
            backbone: small_cnn
            dataset: digits
            """);

        Assert.Equal(JobIdentity.IdOf(Parse(Ft)), JobIdentity.IdOf(reordered));
    }

    [Fact]
    public void Spelled_out_defaults_and_the_derived_seed_do_not_change_the_id()
    {
        var explicitDefaults = Parse("""
            dataset: digits
            backbone: small_cnn
            weights: null
            method:
              name: ft
              lr: 0.05
              bn_mode: train
            epochs: 5
            batch_size: 64
            momentum: 0.9
            weight_decay: 0.0
            nesterov: false
            augment: true
            run_num: 1
            seed: 0
            """);

        Assert.Equal(JobIdentity.IdOf(Parse(Ft)), JobIdentity.IdOf(explicitDefaults));
    }

    [Theory]
    [InlineData("1e-4", "0.0001")]
    [InlineData("1.0E-4", "0.00010")]
    [InlineData("1", "1.0")]
    [InlineData("3e-7", "0.0000003")]
    public void Equal_numbers_written_differently_give_the_same_id(string a, string b)
    {
        Assert.Equal(JobIdentity.IdOf(Parse(Ft.Replace("lr: 0.05", $"lr: {a}"))), JobIdentity.IdOf(Parse(Ft.Replace("lr: 0.05", $"lr: {b}"))));
    }

    [Theory]
    [InlineData("threads: 8")]
    [InlineData("device: cuda:0")]
    [InlineData("data_root: /elsewhere")]
    [InlineData("log_every_n_steps: 1")]
    public void Keys_that_say_how_to_run_do_not_change_the_id(string line)
    {
        Assert.Equal(JobIdentity.IdOf(Parse(Ft)), JobIdentity.IdOf(Parse(Ft + "\n" + line)));
    }

    [Theory]
    [InlineData("lr: 0.05", "lr: 0.01")]
    [InlineData("epochs: 5", "epochs: 6")]
    [InlineData("epochs: 5", "epochs: 5\nrun_num: 2")]
    [InlineData("epochs: 5", "epochs: 5\nseed: 7")]
    [InlineData("epochs: 5", "epochs: 5\nmomentum: 0.8")]
    [InlineData("epochs: 5", "epochs: 5\naugment: false")]
    [InlineData("epochs: 5", "epochs: 5\nimage_size: 32")]
    [InlineData("epochs: 5", "epochs: 5\nweights: /w/a.safetensors")]
    [InlineData("name: ft", "name: lp_ft")]
    [InlineData("name: ft", "name: daft")]
    [InlineData("dataset: digits", "dataset: cifar10")]
    [InlineData("backbone: small_cnn", "backbone: resnet18")]
    public void Any_change_of_what_is_computed_changes_the_id(string before, string after)
    {
        Assert.NotEqual(JobIdentity.IdOf(Parse(Ft)), JobIdentity.IdOf(Parse(Ft.Replace(before, after))));
    }

    [Fact]
    public void Run_num_two_with_its_derived_seed_differs_from_run_one()
    {
        var runTwo = Parse(Ft + "\nrun_num: 2");

        Assert.Equal(1, runTwo.Seed);
        Assert.Equal(JobIdentity.IdOf(runTwo), JobIdentity.IdOf(Parse(Ft + "\nrun_num: 2\nseed: 1")));
        Assert.NotEqual(JobIdentity.IdOf(Parse(Ft + "\nseed: 1")), JobIdentity.IdOf(runTwo));
    }

    [Fact]
    public void Linear_probing_ignores_epochs_so_they_do_not_change_its_id()
    {
        const string Lp = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: lp\n";

        Assert.Equal(JobIdentity.IdOf(Parse(Lp + "epochs: 3")), JobIdentity.IdOf(Parse(Lp + "epochs: 30")));
        Assert.NotEqual(JobIdentity.IdOf(Parse(Lp)), JobIdentity.IdOf(Parse(Lp + "  c_num: 10\n")));
    }

    [Fact]
    public void Ids_do_not_depend_on_the_current_culture()
    {
        var spec = Parse(Ft.Replace("lr: 0.05", "lr: 2.5e-5"));
        var invariantId = JobIdentity.IdOf(spec);
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NegativeSign = "~";
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = commaCulture;
            Assert.Equal(invariantId, JobIdentity.IdOf(Parse(Ft.Replace("lr: 0.05", "lr: 2.5e-5"))));
            Assert.Contains("\"lr\":2.5E-05", JobIdentity.CanonicalJson(spec));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void An_id_is_16_lowercase_hex_characters()
    {
        Assert.Matches("^[0-9a-f]{16}$", JobIdentity.IdOf(Parse(Ft)));
    }

    private static JobSpec Parse(string yaml) => JobSpecLoader.Parse(yaml, "/jobs/job.yaml");
}
