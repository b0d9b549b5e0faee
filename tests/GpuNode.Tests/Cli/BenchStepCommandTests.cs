using System.Text.Json;
using Daft.GpuNode.Tests.Probing;

namespace Daft.GpuNode.Tests.Cli;

/// <summary>
/// <c>daft-node bench step</c> (BENCHMARKS.md §1b) at a tiny size: CI's quick mode of the step benchmark, so the harness
/// that tools/bench/step_bench.py reads never rots. It checks what the harness reports, not how fast this machine is.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // --threads sets libtorch's process-wide thread count
public sealed class BenchStepCommandTests
{
    [Fact]
    public void Reports_every_timed_step_the_median_rate_and_the_bn_conversion_against_an_eval_pass()
    {
        var (code, stdout, stderr) = NodeCli.Run("bench", "step", "--backbone", "small_cnn", "--image-size", "16", "--batch-size", "4",
            "--warmup", "1", "--steps", "3", "--threads", "1");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var r = json.RootElement;
        Assert.Equal(("small_cnn", 16, 4, 1, "cpu"), (r.GetProperty("backbone").GetString(), r.GetProperty("image_size").GetInt32(),
            r.GetProperty("batch_size").GetInt32(), r.GetProperty("threads").GetInt32(), r.GetProperty("device").GetString()));
        foreach (var kind in new[] { "train", "eval" })
        {
            var steps = r.GetProperty($"{kind}_step_seconds").EnumerateArray().Select(s => s.GetDouble()).ToList();
            Assert.Equal(3, steps.Count);
            Assert.All(steps, s => Assert.True(s > 0, $"{kind} step took {s} s"));
            var median = steps.Order().ElementAt(1);
            Assert.Equal(4 / median, r.GetProperty($"{kind}_images_per_second").GetDouble(), 6);
            Assert.InRange(r.GetProperty($"{kind}_cpu_cores").GetDouble(), 0.01, 16);
        }
        var evalPass = r.GetProperty("eval_pass_seconds").GetDouble();
        Assert.Equal(r.GetProperty("eval_step_seconds").EnumerateArray().Sum(s => s.GetDouble()), evalPass, 9);
        var conversion = r.GetProperty("bn_conversion_seconds").GetDouble();
        Assert.True(conversion > 0);
        Assert.Equal(conversion / evalPass, r.GetProperty("bn_conversion_to_eval_pass").GetDouble(), 9);
    }

    [Fact]
    public void A_step_count_below_one_is_an_input_error()
    {
        var (code, _, stderr) = NodeCli.Run("bench", "step", "--backbone", "small_cnn", "--steps", "0");

        Assert.Equal(2, code);
        Assert.Contains("bench step: --steps must be at least 1 (got 0).", stderr, StringComparison.Ordinal);
    }
}
