using System.CommandLine;
using System.Text.Json;
using Daft.GpuNode.Benchmarks;
using Daft.GpuNode.Models;
using static TorchSharp.torch;

namespace Daft.GpuNode.Cli;

/// <summary>
/// <c>daft-node bench step</c>: the job's train step and eval step on a fixed random batch, timed (BENCHMARKS.md §1b,
/// against <c>tools/bench/torch_step.py</c>). Prints one JSON line on stdout with every step's seconds and the
/// median's images/s.
/// </summary>
public static class BenchCommands
{
    public static Command Create() => new("bench", "Measure training and evaluation speed (figures for BENCHMARKS.md).") { CreateStep() };

    static Command CreateStep()
    {
        var backbone = new Option<string>("--backbone") { Description = $"Backbone: {string.Join(", ", Backbones.Names)}.", Required = true };
        var imageSize = new Option<int>("--image-size") { Description = "Input side in pixels.", DefaultValueFactory = _ => 32 };
        var batchSize = new Option<int>("--batch-size") { Description = "Batch size.", DefaultValueFactory = _ => 64 };
        var classes = new Option<int>("--classes") { Description = "Head size.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps of each kind first.", DefaultValueFactory = _ => 3 };
        var steps = new Option<int>("--steps") { Description = "Timed steps of each kind.", DefaultValueFactory = _ => 10 };
        var threads = new Option<int?>("--threads") { Description = "Torch threads (default: processor count)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var command = new Command("step", "Time the job's train step and eval step of a backbone on one random batch.")
        {
            backbone, imageSize, batchSize, classes, warmup, steps, threads, device,
        };
        command.SetAction(parse => CliErrors.Guard(parse.InvocationConfiguration.Error, "bench step", () =>
        {
            var settings = new StepBenchmarkSettings(parse.GetRequiredValue(backbone), parse.GetValue(imageSize), parse.GetValue(batchSize),
                parse.GetValue(classes), parse.GetValue(warmup), parse.GetValue(steps), parse.GetValue(device)!);
            foreach (var (name, value) in new[] { ("--image-size", settings.ImageSize), ("--batch-size", settings.BatchSize), ("--classes", settings.Classes), ("--steps", settings.Steps) })
            {
                if (value < 1)
                    throw new ArgumentException($"{name} must be at least 1 (got {value}).");
            }
            set_num_threads(parse.GetValue(threads) ?? Environment.ProcessorCount);
            var result = StepBenchmark.Run(settings);
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
            {
                backbone = settings.Backbone,
                image_size = settings.ImageSize,
                batch_size = settings.BatchSize,
                threads = get_num_threads(),
                device = settings.Device,
                train_images_per_second = result.Train.ImagesPerSecond,
                eval_images_per_second = result.Eval.ImagesPerSecond,
                train_step_seconds = result.Train.Seconds,
                eval_step_seconds = result.Eval.Seconds,
                train_cpu_cores = result.Train.CpuCores,
                eval_cpu_cores = result.Eval.CpuCores,
                eval_pass_seconds = result.EvalPassSeconds,
                bn_conversion_seconds = result.BnConversionSeconds,
                bn_conversion_to_eval_pass = result.BnConversionToEvalPass,
            }));
            return 0;
        }));
        return command;
    }
}
