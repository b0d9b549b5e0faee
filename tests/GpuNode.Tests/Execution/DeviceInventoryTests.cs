using Daft.GpuNode.Farm.Execution;

namespace Daft.GpuNode.Tests.Execution;

/// <summary><c>--devices</c>: what slots a node offers, with a fake GPU discovery.</summary>
public sealed class DeviceInventoryTests
{
    static readonly GpuInfo[] TwoGpus = [new(0, 81559), new(1, 81559)];

    static IReadOnlyList<NodeDevice> Parse(string spec, int cores = 16, GpuInfo[]? gpus = null) =>
        DeviceInventory.Parse(spec, cores, () => gpus ?? []);

    static string Error(string spec, GpuInfo[]? gpus = null) =>
        Assert.Throws<ArgumentException>(() => Parse(spec, gpus: gpus)).Message;

    [Fact]
    public void Cpu_slots_share_the_cores_unless_given_threads()
    {
        Assert.Equal(
            [new("cpu:0", "cpu", 0, 4, "cpu", null), new("cpu:1", "cpu", 0, 4, "cpu", null), new("cpu:2", "cpu", 0, 4, "cpu", null), new("cpu:3", "cpu", 0, 4, "cpu", null)],
            Parse("cpu:4"));
        Assert.Equal([new NodeDevice("cpu:0", "cpu", 0, 3, "cpu", null), new("cpu:1", "cpu", 0, 3, "cpu", null)], Parse("cpu:2x3"));
        Assert.Equal([new NodeDevice("cpu:0", "cpu", 0, 2, "cpu", null)], Parse("cpu", cores: 2));
        Assert.All(Parse("cpu:4", cores: 2), device => Assert.Equal(1, device.Threads)); // never 0 threads
    }

    [Fact]
    public void Cuda_is_every_visible_gpu_each_seeing_itself_as_cuda_0()
    {
        Assert.Equal(
            [new NodeDevice("cuda:0", "cuda", 81559, 8, "cuda:0", "0"), new("cuda:1", "cuda", 81559, 8, "cuda:0", "1")],
            Parse("cuda", gpus: TwoGpus));
    }

    [Fact]
    public void Explicit_gpus_keep_their_physical_index()
    {
        GpuInfo[] three = [new(0, 1000), new(1, 2000), new(2, 3000)];

        Assert.Equal(
            [new NodeDevice("cuda:0", "cuda", 1000, 8, "cuda:0", "0"), new("cuda:2", "cuda", 3000, 8, "cuda:0", "2")],
            Parse("cuda:0, cuda:2", gpus: three));
    }

    [Fact]
    public void A_mix_shares_the_cores_between_all_devices()
    {
        var devices = Parse("cuda,cpu:2", gpus: TwoGpus);

        Assert.Equal(["cuda:0", "cuda:1", "cpu:0", "cpu:1"], devices.Select(d => d.Name));
        Assert.All(devices, d => Assert.Equal(4, d.Threads));
        Assert.Equal([4, 4, 5, 5], Parse("cuda,cpu:2x5", gpus: TwoGpus).Select(d => d.Threads));
    }

    [Fact]
    public void Auto_takes_the_gpus_or_else_one_cpu_slot_with_every_core()
    {
        Assert.Equal(["cuda:0", "cuda:1"], Parse("auto", gpus: TwoGpus).Select(d => d.Name));
        Assert.Equal([new NodeDevice("cpu:0", "cpu", 0, 16, "cpu", null)], Parse("auto"));
    }

    [Fact]
    public void Discovery_runs_only_when_a_part_names_cuda()
    {
        var asked = 0;
        DeviceInventory.Parse("cpu:2", 4, () => { asked++; return TwoGpus; });
        Assert.Equal(0, asked);
        DeviceInventory.Parse("cuda:0,cuda:1", 4, () => { asked++; return TwoGpus; });
        Assert.Equal(1, asked);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("cpu:2,,cuda", "empty part")]
    [InlineData("gpu:0", "`gpu:0` is none of cpu:N, cpu:NxT, cuda, cuda:I, auto")]
    [InlineData("cpu:0", "`cpu:0` needs a slot count of at least 1")]
    [InlineData("cpu:two", "`cpu:two` needs a slot count")]
    [InlineData("cpu:2x0", "`cpu:2x0` needs a thread count of at least 1")]
    [InlineData("cpu:2,cpu:1", "the CPU slots are given twice")]
    [InlineData("cuda:x", "`cuda:x` needs a GPU index")]
    [InlineData("cuda:-1", "`cuda:-1` needs a GPU index")]
    [InlineData("cuda:5", "cuda:5 is not visible (visible: cuda:0, cuda:1)")]
    [InlineData("cuda,cuda:1", "cuda:1 is named twice")]
    [InlineData("auto,cpu:1", "`auto` stands alone")]
    public void Bad_specs_say_what_is_wrong_and_what_is_allowed(string spec, string problem)
    {
        var message = Error(spec, TwoGpus);

        Assert.Contains($"--devices '{spec}'", message);
        Assert.Contains(problem, message);
        Assert.Contains("Use cpu:N, cpu:NxT, cuda, cuda:I (comma-separated), or auto.", message);
    }

    [Fact]
    public void Cuda_without_a_gpu_says_none_is_visible()
    {
        Assert.Contains("none is visible", Error("cuda"));
        Assert.Contains("cuda:0 is not visible: no GPU is", Error("cuda:0"));
    }

    [Fact]
    public void Nvidia_smi_output_is_read_and_cuda_visible_devices_respected()
    {
        var gpus = GpuDiscovery.ParseNvidiaSmi("0, GPU-aaa, 81559\n1, GPU-bbb, 40960\nbad line\n2, GPU-ccc, [N/A]\n");

        Assert.Equal([new GpuInfo(0, 81559), new(1, 40960), new(2, 0)], gpus.Select(g => g.Gpu));
        Assert.Equal([new GpuInfo(0, 81559), new(1, 40960), new(2, 0)], GpuDiscovery.Restrict(gpus, null));
        Assert.Equal([new GpuInfo(2, 0), new(0, 81559)], GpuDiscovery.Restrict(gpus, "2,0"));
        Assert.Equal([new GpuInfo(1, 40960)], GpuDiscovery.Restrict(gpus, "GPU-bbb"));
        Assert.Equal([], GpuDiscovery.Restrict(gpus, ""));
        Assert.Null(GpuDiscovery.Restrict(gpus, "MIG-xyz")); // only libtorch can count those
    }

    [Fact]
    public void Libtorch_s_count_maps_back_to_physical_indices()
    {
        Assert.Equal([new GpuInfo(0, 0), new(1, 0)], GpuDiscovery.FromCount(2, null));
        Assert.Equal([new GpuInfo(3, 0), new(5, 0)], GpuDiscovery.FromCount(2, "3,5"));
        Assert.Equal([new GpuInfo(0, 0)], GpuDiscovery.FromCount(1, "MIG-xyz"));
    }

    [Fact]
    public void Discovery_on_this_machine_does_not_fail()
    {
        // A CPU build sees no GPU through libtorch; nvidia-smi, where installed, lists the real ones.
        var gpus = GpuDiscovery.Discover();

        Assert.All(gpus, gpu => Assert.True(gpu.Index >= 0));
        Assert.Equal(gpus.Count, gpus.Select(g => g.Index).Distinct().Count());
    }
}
