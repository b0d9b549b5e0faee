using System.Collections.Concurrent;
using System.Diagnostics;
using Daft.GpuNode.Probing;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Probing;

/// <summary>
/// The C# sweep against sklearn 1.2.1's on the golden feature sets: same normalisation, same warm-started
/// L-BFGS path, so the same accuracies per C, the same best C and (nearly) the same head.
/// </summary>
[Collection(nameof(ThreadCountChanges))]
public sealed class LinearProbeParityTests(ITestOutputHelper output)
{
    // Each sweep runs once per test run; the tests below read its result.
    static readonly ConcurrentDictionary<string, Lazy<(SklearnSweep Reference, ProbeResult Result, TimeSpan Elapsed)>> Runs = new();

    static (SklearnSweep Reference, ProbeResult Result, TimeSpan Elapsed) Run(string name) =>
        Runs.GetOrAdd(name, _ => new(() =>
        {
            var reference = SklearnSweep.Load(name);
            using var trainX = reference.Array("x_train");
            using var trainY = reference.Array("y_train");
            using var valX = reference.Array("x_val");
            using var valY = reference.Array("y_val");
            // One thread, as `daft-node probe fit` uses for problems this small: two threads are slower here,
            // and many times slower on a busy machine.
            var threads = get_num_threads();
            set_num_threads(1);
            try
            {
                var clock = Stopwatch.StartNew();
                var result = LinearProbe.Fit(trainX, trainY, valX, valY, new ProbeOptions(NumClasses: name == "clusters" ? 20 : null));
                return (reference, result, clock.Elapsed);
            }
            finally
            {
                set_num_threads(threads);
            }
        })).Value;

    public static TheoryData<string> Sets => ["digits", "clusters"];

    [Theory]
    [MemberData(nameof(Sets))]
    public void Normalisation_statistics_match_numpy(string name)
    {
        var (reference, result, _) = Run(name);
        Assert.Equal(reference.FeatureMean, result.FeatureMean, 1e-6 * Math.Abs(reference.FeatureMean));
        Assert.Equal(reference.FeatureStd, result.FeatureStd, 1e-6 * reference.FeatureStd);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_best_C_and_its_accuracy_match_sklearn(string name)
    {
        var (reference, result, elapsed) = Run(name);
        var index = result.Path.ToList().FindIndex(p => p.C == result.BestC);
        output.WriteLine($"{name}: C# best C {result.BestC:G4} (index {index}) val {result.BestValAccuracy:F4}; " +
            $"sklearn {reference.BestC:G4} (index {reference.BestIndex}) val {reference.BestValAccuracy:F4}; sweep {elapsed.TotalSeconds:F1} s");

        Assert.InRange(index - reference.BestIndex, -1, 1);
        Assert.Equal(reference.BestValAccuracy, result.BestValAccuracy, 0.003);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_accuracy_curve_and_objective_follow_sklearns_path(string name)
    {
        var (reference, result, _) = Run(name);
        Assert.Equal(reference.Path.Length, result.Path.Count);
        var pairs = reference.Path.Zip(result.Path).ToList();
        foreach (var (expected, actual) in pairs)
            Assert.Equal(expected.C, actual.C, 1e-12 * expected.C);
        var val = pairs.Select(p => Math.Abs(p.First.ValAccuracy - p.Second.ValAccuracy)).ToList();
        var train = pairs.Select(p => Math.Abs(p.First.TrainAccuracy - p.Second.TrainAccuracy)).ToList();
        var objective = pairs.Select(p => Math.Abs(p.First.Objective - p.Second.Objective) / p.First.Objective).ToList();
        var sameIterations = pairs.Count(p => p.First.Iterations == p.Second.Iterations);
        output.WriteLine($"{name}: |Δval| max {val.Max():F4} mean {val.Average():F5}; |Δtrain| max {train.Max():F4}; " +
            $"objective rel. diff max {objective.Max():E2}; same iteration count at {sameIterations}/{pairs.Count} C values");

        Assert.True(val.Max() <= 0.01, $"validation accuracy differs by {val.Max()}");
        Assert.True(train.Max() <= 0.01, $"train accuracy differs by {train.Max()}");
        Assert.True(val.Average() <= 0.002, $"validation accuracy differs by {val.Average()} on average");
        Assert.True(objective.Max() <= 1e-4, $"objective differs by {objective.Max()} (relative)");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_folded_head_matches_sklearns_and_reproduces_the_validation_accuracy(string name)
    {
        var (reference, result, _) = Run(name);
        using var scope = NewDisposeScope();
        var headWeight = reference.Array("head_weight");
        var headBias = reference.Array("head_bias");
        var valX = reference.Array("x_val").to(ScalarType.Float32);
        var valY = reference.Array("y_val");

        var predicted = valX.mm(result.Weight.t()).add(result.Bias).argmax(1);
        var accuracy = predicted.eq(valY).to(ScalarType.Float64).mean().item<double>();
        var weightError = (result.Weight.to(ScalarType.Float64) - headWeight).norm().item<double>() / headWeight.norm().item<double>();
        var biasError = (result.Bias.to(ScalarType.Float64) - headBias).norm().item<double>() / headBias.norm().item<double>();
        output.WriteLine($"{name}: head relative error weight {weightError:E2}, bias {biasError:E2}; raw-feature accuracy {accuracy:F4}");

        Assert.Equal(headWeight.shape, result.Weight.shape);
        Assert.Equal(result.BestValAccuracy, accuracy, 1.5 / valY.shape[0]);
        Assert.True(weightError < 0.01, $"folded weight differs from sklearn's by {weightError} (relative)");
    }

    [Fact]
    public void Classes_missing_from_train_get_zero_rows()
    {
        var (_, result, _) = Run("clusters"); // class 13 never occurs in its train split

        Assert.Equal([20L, 128L], result.Weight.shape);
        Assert.Equal(0, result.Weight[13].abs().sum().item<float>());
        Assert.Equal(0, result.Bias[13].item<float>());
        Assert.Equal(19, result.Weight.abs().sum(1L).gt(0).sum().item<long>());
    }

    [Fact]
    public void Two_classes_follow_sklearns_binomial_sweep()
    {
        // sklearn fits one binomial row w for {3, 8}; the probe's head turns it into rows (−w/2, w/2).
        using var scope = NewDisposeScope();
        var reference = SklearnSweep.Load("binary");
        var digits = SklearnSweep.Load("digits");
        var (trainX, trainY) = Select(digits.Array("x_train"), digits.Array("y_train"));
        var (valX, valY) = Select(digits.Array("x_val"), digits.Array("y_val"));

        using var result = LinearProbe.Fit(trainX, trainY, valX, valY);

        var val = reference.Path.Zip(result.Path).Max(p => Math.Abs(p.First.ValAccuracy - p.Second.ValAccuracy));
        var index = result.Path.ToList().FindIndex(p => p.C == result.BestC);
        var coef = reference.Array("coef");
        var expected = coef.div(reference.FeatureStd).squeeze(0);
        var actual = (result.Weight[8] - result.Weight[3]).to(ScalarType.Float64);
        var error = (actual - expected).norm().item<double>() / expected.norm().item<double>();
        output.WriteLine($"binary: |Δval| max {val:F4}; best index {index} vs {reference.BestIndex}; head relative error {error:E2}");

        Assert.True(val <= 0.01, $"validation accuracy differs by {val}");
        Assert.InRange(index - reference.BestIndex, -1, 1);
        Assert.Equal(reference.BestValAccuracy, result.BestValAccuracy, 0.003);
        Assert.Equal([9L, 64L], result.Weight.shape);
        Assert.Equal(2, result.Weight.abs().sum(1L).gt(0).sum().item<long>());
        Assert.True(error < 0.01, $"binomial head differs from sklearn's by {error} (relative)");
    }

    static (Tensor X, Tensor Y) Select(Tensor x, Tensor y)
    {
        var keep = y.eq(3).logical_or(y.eq(8)).nonzero().squeeze(1);
        return (x.index_select(0, keep), y.index_select(0, keep));
    }
}
