using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// Finds the GPUs this node may use, for <see cref="DeviceInventory.Parse"/>: nvidia-smi where it is installed (it
/// knows physical indices and memory without loading libtorch's CUDA runtime), else libtorch's device count (memory
/// unknown). A node started with <c>CUDA_VISIBLE_DEVICES</c> keeps to the GPUs it lists (by index or UUID), in its order.
/// </summary>
public static class GpuDiscovery
{
    static readonly TimeSpan SmiTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The visible GPUs of this machine; empty on a CPU-only machine or build.</summary>
    public static IReadOnlyList<GpuInfo> Discover()
    {
        var visible = Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES");
        if (RunNvidiaSmi() is { } output && Restrict(ParseNvidiaSmi(output), visible) is { } listed)
            return listed;
        return FromCount(TorchSharp.torch.cuda.device_count(), visible);
    }

    /// <summary>A GPU line of nvidia-smi and its UUID, before <c>CUDA_VISIBLE_DEVICES</c> is applied.</summary>
    internal sealed record SmiGpu(GpuInfo Gpu, string Uuid);

    /// <summary>
    /// Reads <c>nvidia-smi --query-gpu=index,uuid,memory.total --format=csv,noheader,nounits</c> output
    /// ("0, GPU-5e1c…, 81559" a line); lines it cannot read are skipped, memory it cannot read is 0.
    /// </summary>
    internal static IReadOnlyList<SmiGpu> ParseNvidiaSmi(string output) =>
        [.. output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length >= 3 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(fields => new SmiGpu(new GpuInfo(int.Parse(fields[0], CultureInfo.InvariantCulture),
                long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 0), fields[1]))];

    /// <summary>
    /// The GPUs <paramref name="cudaVisibleDevices"/> lets this process use (all when unset); null when it names some
    /// that nvidia-smi does not list (MIG instances): then only libtorch's count can say.
    /// </summary>
    internal static IReadOnlyList<GpuInfo>? Restrict(IReadOnlyList<SmiGpu> gpus, string? cudaVisibleDevices)
    {
        if (cudaVisibleDevices is null)
            return [.. gpus.Select(g => g.Gpu)];
        var listed = new List<GpuInfo>();
        foreach (var entry in cudaVisibleDevices.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = gpus.FirstOrDefault(g => g.Gpu.Index.ToString(CultureInfo.InvariantCulture) == entry || g.Uuid == entry);
            if (match is null)
                return null;
            listed.Add(match.Gpu);
        }
        return listed;
    }

    /// <summary>
    /// <paramref name="count"/> GPUs as libtorch numbers them (0..count-1 within this process), mapped back to the
    /// physical indices <paramref name="cudaVisibleDevices"/> lists where it lists indices; memory unknown.
    /// </summary>
    internal static IReadOnlyList<GpuInfo> FromCount(int count, string? cudaVisibleDevices)
    {
        var listed = (cudaVisibleDevices ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var physical = listed.Length >= count && listed.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? listed.Select(e => int.Parse(e, CultureInfo.InvariantCulture)).ToArray()
            : null;
        return [.. Enumerable.Range(0, count).Select(i => new GpuInfo(physical?[i] ?? i, 0))];
    }

    static string? RunNvidiaSmi()
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi", "--query-gpu=index,uuid,memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var smi = Process.Start(start);
            if (smi is null)
                return null;
            var output = smi.StandardOutput.ReadToEndAsync();
            _ = smi.StandardError.ReadToEndAsync();
            if (!smi.WaitForExit(SmiTimeout))
            {
                smi.Kill(entireProcessTree: true);
                return null;
            }
            return smi.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (Win32Exception)
        {
            return null; // not installed: a CPU machine, or a container without the driver's tools
        }
    }
}
