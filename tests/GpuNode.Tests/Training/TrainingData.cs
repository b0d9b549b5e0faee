using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

/// <summary>Small labelled batches for training tests, reproducible from a seed.</summary>
static class TrainingData
{
    public static List<(Tensor Images, Tensor Labels)> Batches(int count, int batchSize = 8, int classes = 3, ulong seed = 3)
    {
        var g = new Generator(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            (randn([batchSize, 3, 9, 9], generator: g).mul_(1.5).add_(0.2), randint(classes, [batchSize], generator: g)))];
    }
}
