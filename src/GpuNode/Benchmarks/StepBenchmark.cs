using System.Diagnostics;
using Daft.GpuNode.BatchNorm;
using Daft.GpuNode.Devices;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Daft.GpuNode.Benchmarks;

/// <summary>What <see cref="StepBenchmark.Run"/> measures: a backbone at one input size and batch, on one device.</summary>
public sealed record StepBenchmarkSettings(string Backbone, int ImageSize, int BatchSize, int Classes, int WarmupSteps, int Steps, string Device);

/// <summary>
/// Seconds per step of one kind (train or eval), in the order they ran, after the warm-up steps, and the cores the
/// process kept busy meanwhile (its CPU time over the wall time: about the thread count when the kernels use them all).
/// </summary>
public sealed record StepTimes(IReadOnlyList<double> Seconds, int BatchSize, double CpuCores)
{
    public double Median => StepStatistics.Median(Seconds);

    /// <summary>Images per second over the median step: the step's own rate, not diluted by a slow outlier.</summary>
    public double ImagesPerSecond => BatchSize / Median;
}

/// <summary>
/// The figures of one run: the train step and the eval step of the same model and batch, and DAFT's BN conversion
/// (<see cref="BatchNormConversion.ConvertBn"/>) over as many batches as the eval steps timed, so that
/// <see cref="BnConversionToEvalPass"/> compares the conversion with one eval pass over the same data (null for a
/// backbone without BatchNorm).
/// </summary>
public sealed record StepBenchmarkResult(StepTimes Train, StepTimes Eval, double? BnConversionSeconds)
{
    public double EvalPassSeconds => Eval.Seconds.Sum();

    public double? BnConversionToEvalPass => BnConversionSeconds / EvalPassSeconds;
}

/// <summary>
/// The train step and the eval step a job runs, timed on one fixed random batch (issue 9: images/s against PyTorch,
/// same shapes, threads and batch). The train steps are <see cref="Trainer.TrainEpoch"/>'s own (forward,
/// cross-entropy, loss read back, zero_grad, backward, SGD step with momentum 0.9, accuracy), the eval steps
/// <see cref="Trainer.Evaluate"/>'s, so the figure is the job's step and not a hand-written copy of it. Each step
/// ends by reading a scalar back from the device, so on CUDA the time includes the kernels, not only their launch.
/// </summary>
public static class StepBenchmark
{
    public static StepBenchmarkResult Run(StepBenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Steps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.WarmupSteps);
        var device = DeviceSelector.Select(settings.Device);
        manual_seed(0);
        using var model = Backbones.Create(settings.Backbone, settings.Classes);
        model.to(device);
        // Pixels in [0, 1], as the loader hands them over; the model normalises them itself.
        using var images = rand(settings.BatchSize, 3, settings.ImageSize, settings.ImageSize).to(device);
        using var labels = randint(settings.Classes, settings.BatchSize, dtype: ScalarType.Int64).to(device);
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);

        Trainer.TrainEpoch(model, optimizer, Repeat(images, labels, settings.WarmupSteps + 1), BnMode.Train);
        var train = new List<double>(settings.Steps);
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        Trainer.TrainEpoch(model, optimizer, Repeat(images, labels, settings.Steps), BnMode.Train, onStep: _ =>
        {
            train.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
        });
        var trainCores = cpu.Cores();

        for (var i = 0; i <= settings.WarmupSteps; i++)
            Trainer.Evaluate(model, Repeat(images, labels, 1));
        var eval = new List<double>(settings.Steps);
        cpu = CpuClock.Start();
        for (var i = 0; i < settings.Steps; i++)
        {
            clock.Restart();
            Trainer.Evaluate(model, Repeat(images, labels, 1));
            eval.Add(clock.Elapsed.TotalSeconds);
        }
        var evalCores = cpu.Cores();

        double? conversion = null;
        if (BatchNormConversion.FindLayers(model).Count > 0)
        {
            BatchNormConversion.ConvertBn(model, Enumerable.Repeat(images, 1)); // warm-up: the hooks' first calls
            conversion = BatchNormConversion.ConvertBn(model, Enumerable.Repeat(images, settings.Steps)).Seconds;
        }
        return new StepBenchmarkResult(new StepTimes(train, settings.BatchSize, trainCores), new StepTimes(eval, settings.BatchSize, evalCores), conversion);
    }

    static IEnumerable<(Tensor Images, Tensor Labels)> Repeat(Tensor images, Tensor labels, int count) =>
        Enumerable.Repeat((images, labels), count);
}

/// <summary>This process's CPU time against the wall clock since <see cref="Start"/>.</summary>
readonly record struct CpuClock(TimeSpan Cpu, long WallTimestamp)
{
    public static CpuClock Start() => new(Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.GetTimestamp());

    public double Cores() =>
        (Process.GetCurrentProcess().TotalProcessorTime - Cpu).TotalSeconds / Stopwatch.GetElapsedTime(WallTimestamp).TotalSeconds;
}

/// <summary>Order statistics of a few timings.</summary>
public static class StepStatistics
{
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
