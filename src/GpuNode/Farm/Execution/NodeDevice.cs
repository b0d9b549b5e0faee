using Daft.Shared.Farm;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>One device of a node that runs one job at a time: a GPU, or a CPU slot with its own thread budget.</summary>
/// <param name="Name">"cpu:0", "cuda:1": the device in the farm (ledger, status); for a GPU its physical index.</param>
/// <param name="Kind">"cpu" or "cuda".</param>
/// <param name="MemoryMb">Device memory in MiB; 0 when unknown (CPU slots, a GPU only torch saw).</param>
/// <param name="Threads">Torch threads a job on it gets.</param>
/// <param name="JobDevice">The device the job sees: "cpu", or "cuda:0" (its child sees only its own GPU).</param>
/// <param name="CudaVisibleDevice">The GPU's physical index for <c>CUDA_VISIBLE_DEVICES</c>; null for a CPU slot.</param>
public sealed record NodeDevice(string Name, string Kind, long MemoryMb, int Threads, string JobDevice, string? CudaVisibleDevice)
{
    /// <summary>The device as the dispatcher knows it, on <paramref name="node"/>.</summary>
    public DeviceDescriptor Describe(string node) => new(node, Name, Kind, MemoryMb);

    /// <summary>The attempt of a leased job on this device.</summary>
    public JobWork Work(WorkLease lease, string home) =>
        new(lease.JobId, lease.Attempt, lease.SpecYaml, JobDevice, Threads, home, CudaVisibleDevice);
}

/// <summary>A GPU as discovery sees it: its physical index (what <c>CUDA_VISIBLE_DEVICES</c> takes) and memory.</summary>
/// <param name="Index">Physical index, as nvidia-smi numbers it.</param>
/// <param name="MemoryMb">Total memory in MiB; 0 when unknown.</param>
public sealed record GpuInfo(int Index, long MemoryMb);
