using Daft.Shared.Specs;

namespace Daft.Shared.Tests.Specs;

public class JobReferenceTests
{
    private const string Id = "0123456789abcdef";
    private const string OtherId = "fedcba9876543210";

    [Fact]
    public void Of_and_TryParse_round_trip_a_job_id()
    {
        var reference = JobReference.Of(Id);

        Assert.Equal("job:0123456789abcdef", reference);
        Assert.True(JobReference.IsReference(reference));
        Assert.True(JobReference.TryParse(reference, out var parsed));
        Assert.Equal(Id, parsed);
    }

    [Theory]
    [InlineData("job:0123456789ABCDEF")]
    [InlineData("job:0123456789abcde")]
    [InlineData("job:0123456789abcdef0")]
    [InlineData("job:0123456789abcdeg")]
    [InlineData("job:")]
    [InlineData("jobs:0123456789abcdef")]
    [InlineData("/runs/job:0123456789abcdef")]
    public void TryParse_rejects_anything_but_job_colon_and_16_lowercase_hex(string value)
    {
        Assert.False(JobReference.TryParse(value, out var id));
        Assert.Equal("", id);
        Assert.Throws<ArgumentException>(() => JobReference.Of(value.Replace("job:", "")));
    }

    [Fact]
    public void A_job_file_passes_references_through_unchanged_for_weights_and_lp_head()
    {
        var spec = JobSpecLoader.Parse(
            $"dataset: digits\nbackbone: small_cnn\nweights: job:{Id}\nmethod:\n  name: lp_ft\n  lr: 0.001\n  lp_head: job:{OtherId}\n",
            "/jobs/lp_ft.yaml");

        Assert.Equal($"job:{Id}", spec.Weights);
        Assert.Equal($"job:{OtherId}", Assert.IsType<LpFtSpec>(spec.Method).LpHead);
    }

    [Fact]
    public void The_id_is_content_addressed_through_the_dependency_id_and_the_yaml_round_trips()
    {
        var yaml = $"dataset: digits\nbackbone: small_cnn\nweights: job:{Id}\nmethod:\n  name: ft\n  lr: 0.01\n";
        var spec = JobSpecLoader.Parse(yaml, "/jobs/a.yaml");
        var other = JobSpecLoader.Parse(yaml.Replace(Id, OtherId), "/jobs/a.yaml");
        var elsewhere = JobSpecLoader.Parse(yaml, "/somewhere/else/b.yaml");

        Assert.Contains($"\"weights\":\"job:{Id}\"", JobIdentity.CanonicalJson(spec));
        Assert.NotEqual(JobIdentity.IdOf(spec), JobIdentity.IdOf(other));
        Assert.Equal(JobIdentity.IdOf(spec), JobIdentity.IdOf(elsewhere));
        Assert.Contains($"\nweights: job:{Id}\n", spec.ToYaml());
        Assert.Equal(spec, JobSpecLoader.Parse(spec.ToYaml(), "/x/y.yaml"));
    }

    [Theory]
    [InlineData("weights: job:1234", 3, 10, "weights", "job:1234")]
    [InlineData("weights: job:0123456789ABCDEF", 3, 10, "weights", "job:0123456789ABCDEF")]
    [InlineData("method:\n  name: lp_ft\n  lr: 0.001\n  lp_head: job:xyz", 6, 12, "lp_head", "job:xyz")]
    public void A_malformed_reference_is_an_error_at_its_value(string lines, int line, int column, string key, string value)
    {
        var yaml = "dataset: digits\nbackbone: small_cnn\n" + lines + (lines.StartsWith("method") ? "\n" : "\nmethod:\n  name: ft\n  lr: 0.1\n");

        var error = Assert.Single(Assert.Throws<ConfigException>(() => JobSpecLoader.Parse(yaml, "job.yaml")).Errors);

        Assert.Equal(new ConfigError("job.yaml", line, column,
            $"`{key}` must be a file path or a job reference (job:<id>, the id being 16 lowercase hex characters as `daft job id` "
            + $"prints them), got `{value}` (a file of that name: write ./{value})"), error);
    }

    [Fact]
    public void A_path_that_merely_contains_job_colon_is_a_path()
    {
        var spec = JobSpecLoader.Parse("dataset: digits\nbackbone: small_cnn\nweights: ./job:x\nmethod:\n  name: ft\n  lr: 0.1\n", "/jobs/a.yaml");

        Assert.Equal("/jobs/job:x", spec.Weights);
    }
}
