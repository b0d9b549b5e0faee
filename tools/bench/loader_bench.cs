#:project ../../src/GpuNode/Daft.GpuNode.csproj
// Loader throughput: how many images/s BatchLoader makes on its own (no training).
//   digits (default): the job the training-throughput benchmark runs: digits train (1,352 8x8 images) resized to
//     32x32, random flips, batch 64, shuffled;
//   cifar10 / domainnet / living17: the paper's train transforms from those dataset files at 224x224, on 512
//     random images stored as their readers store them (CIFAR 32x32: Resize(224) + flip per batch; DomainNet
//     256x256 decoded: RandomCrop(224) + flip; Living-17 256x256 decoded: RandomResizedCrop(224) + flip).
// Run through tools/bench/loader_bench.sh, or: dotnet run tools/bench/loader_bench.cs -- [epochs] [threads] [case]
using System.Diagnostics;
using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Transforms;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

var epochs = args.Length > 0 ? int.Parse(args[0]) : 20;
var threads = args.Length > 1 ? int.Parse(args[1]) : 2;
var name = args.Length > 2 ? args[2] : "digits";
set_num_threads(threads);
DatasetSplits? digits = null;
ImageSet set;
BatchLoader loader;
if (name == "digits")
{
    digits = DatasetCatalog.Load("digits", "data");
    set = digits.Train;
    loader = new BatchLoader(set, 64, shuffle: true, augment: true, imageSize: 32, seed: 0);
}
else
{
    var config = DatasetConfigs.Find(name) ?? throw new ArgumentException($"Unknown case '{name}'.");
    var stored = name == "cifar10" ? 32 : 256;
    manual_seed(0);
    set = new ImageSet("train", randint(0, 256, [512, stored, stored, 3], ScalarType.Byte), randint(0, config.NumClasses, [512]), config.NumClasses);
    loader = new BatchLoader(set, 64, shuffle: true, BatchPipeline.For(config, train: true, augment: true, imageSize: null), seed: 0);
}
foreach (var _ in loader.Epoch(0).DisposeEach()) { } // warm-up: first-call costs of the ops
var clock = Stopwatch.StartNew();
long images = 0;
for (var epoch = 1; epoch <= epochs; epoch++)
    foreach (var (batch, _) in loader.Epoch(epoch).DisposeEach())
        images += batch.shape[0];
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"{{\"case\": \"{name}\", \"epochs\": {epochs}, \"threads\": {threads}, \"image_size\": {loader.ImageSize}, \"images\": {images}, \"seconds\": {seconds:F3}, \"images_per_second\": {images / seconds:F1}}}");
digits?.Dispose();
