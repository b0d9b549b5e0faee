using System.CommandLine;
using System.Text.Json;
using Daft.GpuNode.BatchNorm;
using Daft.GpuNode.Data;
using Daft.GpuNode.Weights;

namespace Daft.GpuNode.Cli;

/// <summary>
/// <c>daft-node model convert-bn</c>: DAFT's BN conversion as a tool — one no-grad eval-mode pass over the target
/// training split, then the converted weights written as safetensors. Prints a JSON summary on stdout.
/// </summary>
public static class ModelCommands
{
    public static Command Create()
    {
        var model = new Command("model", "Model tools.");
        model.Add(CreateConvertBn());
        return model;
    }

    static Command CreateConvertBn()
    {
        var shared = new ModelDataOptions();
        var output = new Option<string>("--out") { Description = "Where to write the converted weights (safetensors).", Required = true };
        var noAugment = new Option<bool>("--no-augment") { Description = "No random flip (audits: deterministic input)." };
        var noShuffle = new Option<bool>("--no-shuffle") { Description = "File order instead of a shuffled pass (audits)." };
        var command = new Command("convert-bn", "Convert BatchNorm statistics to the target training split (DAFT, daft-spec §1.1).") { output, noAugment, noShuffle };
        shared.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(parse.InvocationConfiguration.Error, "model convert-bn", () =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var (data, net) = shared.Load(parse, stderr);
            using (data)
            using (net)
            {
                var loader = shared.Loader(parse, data, data.Train, shuffle: !parse.GetValue(noShuffle), augment: !parse.GetValue(noAugment));
                var report = BatchNormConversion.ConvertBn(net, loader.Epoch(0).ImagesOnly());
                var path = parse.GetRequiredValue(output);
                StateDictLoader.Save(net, path, new Dictionary<string, string> { ["converted_bn_on"] = data.Name });
                stderr.WriteLine($"convert-bn: {report.Layers} BN layers over {report.Batches} batches ({report.Images} images) in {report.Seconds:F1}s -> {path}");
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    layers = report.Layers,
                    batches = report.Batches,
                    images = report.Images,
                    seconds = report.Seconds,
                    output = path,
                }));
                return 0;
            }
        }));
        return command;
    }
}
