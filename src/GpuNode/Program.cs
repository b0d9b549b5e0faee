using Daft.GpuNode.Native;
using static TorchSharp.torch;

Console.WriteLine($"libtorchsharp: {LibTorchSharpLoader.Outcome}");
using var x = ones(2, 2);
Console.WriteLine((x + x).sum().item<float>());
