using System.Text.Json;
using Daft.GpuNode.IO;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Probing;

/// <summary>One golden sweep written by tools/fixtures/make_probe_fixtures.py (sklearn 1.2.1, DAFT's procedure).</summary>
sealed class SklearnSweep
{
    public required string Folder { get; init; }
    public required double FeatureMean { get; init; }
    public required double FeatureStd { get; init; }
    public required int BestIndex { get; init; }
    public required double BestC { get; init; }
    public required double BestValAccuracy { get; init; }
    public required Point[] Path { get; init; }

    public sealed record Point(double C, double TrainAccuracy, double ValAccuracy, int Iterations, double Objective);

    public static SklearnSweep Load(string name)
    {
        var folder = System.IO.Path.Combine(TestSetup.Fixtures, "probe", name);
        using var json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "sweep.json")));
        var root = json.RootElement;
        return new SklearnSweep
        {
            Folder = folder,
            FeatureMean = root.GetProperty("feature_mean").GetDouble(),
            FeatureStd = root.GetProperty("feature_std").GetDouble(),
            BestIndex = root.GetProperty("best_index").GetInt32(),
            BestC = root.GetProperty("best_c").GetDouble(),
            BestValAccuracy = root.GetProperty("best_val_accuracy").GetDouble(),
            Path = root.GetProperty("path").EnumerateArray().Select(p => new Point(
                p.GetProperty("c").GetDouble(),
                p.GetProperty("train_accuracy").GetDouble(),
                p.GetProperty("val_accuracy").GetDouble(),
                p.GetProperty("iterations").GetInt32(),
                p.GetProperty("objective").GetDouble())).ToArray(),
        };
    }

    public Tensor Array(string name) => Npy.Load(System.IO.Path.Combine(Folder, name + ".npy"));
}
