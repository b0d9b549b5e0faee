using System.Globalization;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// The devices a node offers, from its <c>--devices</c> option: comma-separated parts, each one of
/// <list type="bullet">
/// <item><c>cpu:N</c> — N CPU slots <c>cpu:0</c>..<c>cpu:N-1</c> (<c>cpu</c> = <c>cpu:1</c>); <c>cpu:NxT</c> gives each T threads;</item>
/// <item><c>cuda</c> — every visible GPU;</item>
/// <item><c>cuda:I</c> — the GPU of physical index I (several: <c>cuda:0,cuda:2</c>);</item>
/// <item><c>auto</c> — every visible GPU, or one CPU slot with all threads where there is none.</item>
/// </list>
/// Without an explicit T, the processor count is shared evenly by all the devices (<c>cpu:4</c> on 16 cores: 4
/// threads each; <c>cuda,cpu:2</c> with 2 GPUs: 4 each), at least 1: a GPU job still needs threads to feed its batches.
/// </summary>
public static class DeviceInventory
{
    /// <summary>The devices <paramref name="spec"/> names; GPUs come from <paramref name="discoverGpus"/>, asked only when a part names CUDA.</summary>
    /// <exception cref="ArgumentException">The spec is malformed, names a GPU that is not visible, or names none.</exception>
    public static IReadOnlyList<NodeDevice> Parse(string spec, int processorCount, Func<IReadOnlyList<GpuInfo>> discoverGpus)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IReadOnlyList<GpuInfo>? visible = null;
        IReadOnlyList<GpuInfo> Visible() => visible ??= discoverGpus();
        var gpus = new List<GpuInfo>();
        var cpu = (Slots: 0, Threads: (int?)null);
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        if (parts.All(part => part.Length == 0))
            throw Error(spec, "it is empty");
        foreach (var part in parts)
        {
            switch (part)
            {
                case "":
                    throw Error(spec, "it has an empty part (two commas in a row?)");
                case "auto":
                    if (parts.Length > 1)
                        throw Error(spec, "`auto` stands alone");
                    if (Visible().Count > 0)
                        gpus.AddRange(Visible());
                    else
                        cpu = (1, processorCount);
                    break;
                case "cuda":
                    if (Visible().Count == 0)
                        throw Error(spec, "`cuda` asks for every visible GPU, and none is visible (nvidia-smi and libtorch found none)");
                    foreach (var gpu in Visible())
                        Add(gpus, gpu, spec);
                    break;
                case "cpu":
                    cpu = AddCpu(cpu, (1, null), spec);
                    break;
                default:
                    if (part.StartsWith("cuda:", StringComparison.Ordinal))
                        Add(gpus, Gpu(part, Visible(), spec), spec);
                    else if (part.StartsWith("cpu:", StringComparison.Ordinal))
                        cpu = AddCpu(cpu, CpuSlots(part, spec), spec);
                    else
                        throw Error(spec, $"`{part}` is none of cpu:N, cpu:NxT, cuda, cuda:I, auto");
                    break;
            }
        }
        var share = Math.Max(1, processorCount / Math.Max(1, gpus.Count + cpu.Slots));
        var devices = gpus.Select(gpu => new NodeDevice($"cuda:{gpu.Index}", "cuda", gpu.MemoryMb, share, "cuda:0",
            gpu.Index.ToString(CultureInfo.InvariantCulture))).ToList();
        for (var slot = 0; slot < cpu.Slots; slot++)
            devices.Add(new NodeDevice($"cpu:{slot}", "cpu", 0, cpu.Threads ?? share, "cpu", null));
        return devices;
    }

    static void Add(List<GpuInfo> gpus, GpuInfo gpu, string spec)
    {
        if (gpus.Any(g => g.Index == gpu.Index))
            throw Error(spec, $"cuda:{gpu.Index} is named twice");
        gpus.Add(gpu);
    }

    static GpuInfo Gpu(string part, IReadOnlyList<GpuInfo> visible, string spec)
    {
        if (!int.TryParse(part.AsSpan("cuda:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw Error(spec, $"`{part}` needs a GPU index, as in cuda:0");
        return visible.FirstOrDefault(gpu => gpu.Index == index) ?? throw Error(spec, visible.Count == 0
            ? $"{part} is not visible: no GPU is"
            : $"{part} is not visible (visible: {string.Join(", ", visible.Select(gpu => $"cuda:{gpu.Index}"))})");
    }

    static (int Slots, int? Threads) CpuSlots(string part, string spec)
    {
        var value = part["cpu:".Length..];
        var x = value.IndexOf('x');
        var slotsText = x < 0 ? value : value[..x];
        if (!int.TryParse(slotsText, NumberStyles.None, CultureInfo.InvariantCulture, out var slots) || slots < 1)
            throw Error(spec, $"`{part}` needs a slot count of at least 1, as in cpu:2 or cpu:2x4");
        if (x < 0)
            return (slots, null);
        if (!int.TryParse(value.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var threads) || threads < 1)
            throw Error(spec, $"`{part}` needs a thread count of at least 1 after the x, as in cpu:2x4");
        return (slots, threads);
    }

    static (int Slots, int? Threads) AddCpu((int Slots, int? Threads) current, (int Slots, int? Threads) added, string spec) =>
        current.Slots > 0 ? throw Error(spec, "the CPU slots are given twice: write them once, as cpu:N") : added;

    static ArgumentException Error(string spec, string problem) =>
        new($"--devices '{spec}': {problem}. Use cpu:N, cpu:NxT, cuda, cuda:I (comma-separated), or auto.", "spec");
}
