#:project ../../src/GpuNode/Daft.GpuNode.csproj
// Loader throughput: how many images/s BatchLoader makes on its own (no training), for the job the training
// throughput benchmark runs: digits train (1,352 8x8 images) resized to 32x32, random flips, batch 64, shuffled.
// Run through tools/bench/loader_bench.sh, or: dotnet run tools/bench/loader_bench.cs -- [epochs] [threads]
using System.Diagnostics;
using Daft.GpuNode.Data;
using static TorchSharp.torch;

var epochs = args.Length > 0 ? int.Parse(args[0]) : 20;
var threads = args.Length > 1 ? int.Parse(args[1]) : 2;
set_num_threads(threads);
using var data = DatasetCatalog.Load("digits", "data");
var loader = new BatchLoader(data.Train, 64, shuffle: true, augment: true, imageSize: 32, seed: 0);
foreach (var _ in loader.Epoch(0).DisposeEach()) { } // warm-up: first-call costs of the ops
var clock = Stopwatch.StartNew();
long images = 0;
for (var epoch = 1; epoch <= epochs; epoch++)
    foreach (var (batch, _) in loader.Epoch(epoch).DisposeEach())
        images += batch.shape[0];
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"{{\"epochs\": {epochs}, \"threads\": {threads}, \"images\": {images}, \"seconds\": {seconds:F3}, \"images_per_second\": {images / seconds:F1}}}");
