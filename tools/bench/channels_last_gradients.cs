// Why Daft does not run convolutions channels-last on the CPU (BENCHMARKS.md §1b): with libtorch 2.10 (TorchSharp
// 0.107) the gradients of a channels-last ResNet-18 disagree with the NCHW ones far beyond float rounding.
//
//     dotnet run tools/bench/channels_last_gradients.cs            # 16 images of 64×64; prints one line per parameter
//
// One backward pass of the same randomly initialised ResNet-18 (train mode, cross-entropy) three ways: NCHW float32,
// channels-last float32 (4-D weights and the input re-strided to NHWC; values, shapes and names unchanged) and NCHW
// float64 as the truth. Each line: the float64 gradient's norm and each float32 gradient's distance from it.
// On 2026-12-02: NCHW stays at 1e-5 everywhere; channels-last matches at fc and layer4.1 (2e-5) but is 3e-2 off at
// layer4.0.conv2 and 0.40 (2%) at conv1; at 224×224 it is 1e-3 off from the last convolution on.
#:project ../../src/GpuNode/Daft.GpuNode.csproj
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using TorchSharp;
using static TorchSharp.torch;

static Tensor ChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

manual_seed(3);
var size = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 64;
using var nchw = ResNet.ResNet18(10);
using var nhwc = ModelCopy.Clone(nchw, () => ResNet.ResNet18(10));
using var images = rand(16, 3, size, size);
using var labels = arange(16, dtype: ScalarType.Int64).remainder(10);
using var truth = ModelCopy.Clone(nchw, () => ResNet.ResNet18(10));
truth.to(ScalarType.Float64);
using (no_grad())
{
    foreach (var (_, parameter) in nhwc.named_parameters().Where(p => p.parameter.dim() == 4))
        parameter.set_(ChannelsLast(parameter));
}

foreach (var (model, input) in new[] { (nchw, images), (nhwc, ChannelsLast(images)), (truth, images.to(ScalarType.Float64)) })
{
    model.train();
    nn.functional.cross_entropy(model.call(input), labels).backward();
}

Tensor Gradient(nn.Module model, string name) => model.named_parameters().First(p => p.name == name).parameter.grad!.to(ScalarType.Float64);
Console.WriteLine($"ResNet-18, 16 images of {size}×{size}: distance of each float32 gradient from the float64 one");
foreach (var name in new[] { "fc.weight", "layer4.1.conv2.weight", "layer4.1.conv1.weight", "layer4.0.bn2.weight", "layer4.0.conv2.weight", "layer1.0.conv1.weight", "conv1.weight" })
{
    var exact = Gradient(truth, name);
    Console.WriteLine($"{name,-24} |g| {exact.norm().item<double>(),8:G4}   NCHW {Gradient(nchw, name).sub(exact).norm().item<double>(),10:G3}   channels-last {Gradient(nhwc, name).sub(exact).norm().item<double>(),10:G3}");
}
