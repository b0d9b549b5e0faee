using Daft.Shared.Specs;

namespace Daft.Shared.Tests.Specs;

public class HeadSpecTests
{
    // Lines 1-6; a line appended is line 7.
    private const string Ft = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: 5\n";

    private static JobSpec Parse(string yaml) => JobSpecLoader.Parse(yaml, "job.yaml");

    private static IReadOnlyList<ConfigError> ErrorsOf(string yaml) =>
        Assert.Throws<ConfigException>(() => JobSpecLoader.Parse(yaml, "job.yaml")).Errors;

    [Fact]
    public void Without_head_keys_a_job_gets_the_linear_head_and_writes_no_head_key()
    {
        var spec = Parse(Ft);

        Assert.Equal(HeadSpec.Linear, spec.Head);
        Assert.False(spec.Head.IsMlp);
        Assert.DoesNotContain("head_", spec.ToYaml());
        Assert.DoesNotContain("head_", JobIdentity.CanonicalJson(spec));
        Assert.Equal(JobIdentity.IdOf(spec), JobIdentity.IdOf(Parse(Ft + "head_hidden: []\n")));
    }

    [Fact]
    public void Reads_an_mlp_head_writes_it_back_and_puts_it_in_the_id()
    {
        var spec = Parse(Ft + "head_hidden: [512, 256]\nhead_activation: gelu\nhead_dropout: 0.1\n");

        Assert.Equal(new HeadSpec([512, 256], HeadActivation.Gelu, 0.1), spec.Head);
        Assert.Contains("head_hidden: [512, 256]\nhead_activation: gelu\nhead_dropout: 0.1\n", spec.ToYaml());
        Assert.Contains("\"head_activation\":\"gelu\",\"head_dropout\":0.1,\"head_hidden\":[512,256]", JobIdentity.CanonicalJson(spec));
        Assert.Equal(spec, Parse(spec.ToYaml()));
        Assert.Equal(JobIdentity.IdOf(spec), JobIdentity.IdOf(Parse(spec.ToYaml())));
    }

    [Fact]
    public void One_width_is_one_hidden_layer_with_relu_and_no_dropout()
    {
        var one = Parse(Ft + "head_hidden: 128\n");

        Assert.Equal(new HeadSpec([128], HeadActivation.Relu, 0), one.Head);
        Assert.Equal(JobIdentity.IdOf(one), JobIdentity.IdOf(Parse(Ft + "head_hidden: [128]\nhead_activation: relu\nhead_dropout: 0\n")));
    }

    [Theory]
    [InlineData("head_hidden: [128]", "head_hidden: [256]")]
    [InlineData("head_hidden: [128, 64]", "head_hidden: [64, 128]")]
    [InlineData("head_hidden: [128]", "head_hidden: [128]\nhead_activation: tanh")]
    [InlineData("head_hidden: [128]", "head_hidden: [128]\nhead_dropout: 0.5")]
    public void Another_head_gives_another_id(string a, string b)
    {
        Assert.NotEqual(JobIdentity.IdOf(Parse(Ft + a)), JobIdentity.IdOf(Parse(Ft + b)));
        Assert.NotEqual(JobIdentity.IdOf(Parse(Ft)), JobIdentity.IdOf(Parse(Ft + a)));
    }

    [Fact]
    public void Daft_takes_an_mlp_head()
    {
        var spec = Parse("dataset: digits\nbackbone: small_cnn\nmethod: {name: daft, lr: 0.01}\nhead_hidden: [64]\n");

        Assert.True(spec.Head.IsMlp);
    }

    [Theory]
    [InlineData("head_hidden: [512, 0]", 7, 20, "a `head_hidden` width must be an integer >= 1, got `0`")]
    [InlineData("head_hidden: [512, wide]", 7, 20, "a `head_hidden` width must be an integer >= 1, got `wide`")]
    [InlineData("head_hidden: 0", 7, 14, "`head_hidden` must be at least 1, got 0")]
    [InlineData("head_hidden: {width: 3}", 7, 14, "`head_hidden` must be the hidden layer widths of an MLP head, a list of integers >= 1 (e.g. [512, 256]; [] = linear head) or one width, got a mapping")]
    [InlineData("head_hidden: [64]\nhead_activation: sigmoid", 8, 18, "unknown head_activation `sigmoid`; allowed: relu, gelu, tanh")]
    [InlineData("head_hidden: [64]\nhead_dropout: 1", 8, 15, "`head_dropout` must be less than 1 (a dropout probability), got 1")]
    [InlineData("head_hidden: [64]\nhead_dropout: -0.1", 8, 15, "`head_dropout` must be at least 0, got -0.1")]
    [InlineData("head_activation: gelu", 7, 18, "`head_activation` applies only to an MLP head: give its hidden layer widths in `head_hidden` (e.g. [512, 256])")]
    [InlineData("head_dropout: 0.2", 7, 15, "`head_dropout` applies only to an MLP head: give its hidden layer widths in `head_hidden` (e.g. [512, 256])")]
    public void Reports_a_bad_head_line_with_its_position_and_what_is_allowed(string lines, int line, int column, string message)
    {
        var error = Assert.Single(ErrorsOf(Ft + lines));

        Assert.Equal(new ConfigError("job.yaml", line, column, message), error);
    }

    [Theory]
    [InlineData("lp", "lp fits a logistic regression, which is a linear head")]
    [InlineData("lp_ft\n  lr: 0.01", "lp_ft starts from the linear head that LP fitted")]
    public void An_mlp_head_for_a_method_whose_head_is_lps_is_reported_at_head_hidden(string method, string why)
    {
        var yaml = $"dataset: digits\nbackbone: small_cnn\nhead_hidden: [64]\nmethod:\n  name: {method}\n";

        var error = Assert.Single(ErrorsOf(yaml));

        Assert.Equal(new ConfigError("job.yaml", 3, 14, $"an MLP head (`head_hidden`) does not apply to method {method[..(method.IndexOf('\n') is var i and >= 0 ? i : method.Length)]}: {why}; methods with MLP heads: ft, daft, dann"), error);
    }
}
