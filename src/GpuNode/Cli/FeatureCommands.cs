using System.CommandLine;
using System.Text.Json;
using Daft.GpuNode.Data;
using Daft.GpuNode.IO;
using Daft.GpuNode.Pipelines;

namespace Daft.GpuNode.Cli;

/// <summary>
/// <c>daft-node features extract</c>: penultimate features of every split as .npy, as DAFT's extract_features.py:
/// the train split from one augmented, shuffled pass (one view per image), the other splits in file order.
/// Writes <c>{split}_features.npy</c> (float32 [N, D]) and <c>{split}_labels.npy</c> (int64 [N]).
/// </summary>
public static class FeatureCommands
{
    public static Command Create()
    {
        var features = new Command("features", "Feature extraction for linear probing.");
        features.Add(CreateExtract());
        return features;
    }

    static Command CreateExtract()
    {
        var shared = new ModelDataOptions();
        var output = new Option<string>("--out") { Description = "Output folder for the .npy files.", Required = true };
        var noAugment = new Option<bool>("--no-augment") { Description = "Train split without random flips (LP-FT's use_test_transforms_for_train)." };
        var command = new Command("extract", "Extract eval-mode penultimate features of train, id_val and every OOD split.") { output, noAugment };
        shared.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(parse.InvocationConfiguration.Error, "features extract", () =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var directory = parse.GetRequiredValue(output);
            Directory.CreateDirectory(directory);
            var (data, model) = shared.Load(parse, stderr);
            using (data)
            using (model)
            {
                var written = new Dictionary<string, long[]>();
                var splits = new[] { (data.Train, Train: true), (data.IdVal, Train: false) }.Concat(data.Ood.Select(s => (s, Train: false)));
                foreach (var (set, isTrain) in splits)
                {
                    var name = isTrain ? "train" : set.Name;
                    var loader = shared.Loader(parse, data, set, shuffle: isTrain, augment: isTrain && !parse.GetValue(noAugment));
                    var (x, y) = FeatureExtraction.Extract(model, loader.Epoch(0).DisposeEach());
                    using (x)
                    using (y)
                    {
                        Npy.Save(Path.Combine(directory, $"{name}_features.npy"), x);
                        Npy.Save(Path.Combine(directory, $"{name}_labels.npy"), y);
                        written[name] = x.shape;
                        stderr.WriteLine($"features: {name} [{string.Join(", ", x.shape)}]");
                    }
                }
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new { output = directory, splits = written }));
                return 0;
            }
        }));
        return command;
    }
}
