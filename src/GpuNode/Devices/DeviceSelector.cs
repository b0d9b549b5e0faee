using static TorchSharp.torch;

namespace Daft.GpuNode.Devices;

/// <summary>Turns a job's <c>device</c> string into a torch device, refusing CUDA where this build or machine has none.</summary>
public static class DeviceSelector
{
    /// <summary><c>cpu</c>, <c>cuda</c> (= <c>cuda:0</c>) or <c>cuda:N</c>.</summary>
    public static TorchSharp.torch.Device Select(string name)
    {
        if (name == "cpu")
            return CPU;
        if (name != "cuda" && !name.StartsWith("cuda:", StringComparison.Ordinal))
            throw new ArgumentException($"Unknown device '{name}': use cpu, cuda or cuda:N.", nameof(name));
        var index = name == "cuda" ? 0 : int.Parse(name["cuda:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        if (!cuda.is_available())
            throw new InvalidOperationException(
                $"Device '{name}' asked for, but CUDA is not available here: this build links the CPU libtorch " +
                "(build with -p:TorchBackend=cuda on a machine with an NVIDIA driver) or no GPU is visible.");
        if (index >= cuda.device_count())
            throw new InvalidOperationException($"Device '{name}' asked for, but only {cuda.device_count()} CUDA device(s) are visible.");
        return new TorchSharp.torch.Device(TorchSharp.DeviceType.CUDA, index);
    }
}
