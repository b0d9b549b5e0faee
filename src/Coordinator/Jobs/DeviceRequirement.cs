namespace Daft.Coordinator.Jobs;

/// <summary>
/// What device a job needs: a kind (<c>cpu</c> or <c>cuda</c>; null = any) and a minimum device memory in MiB (0 = any).
/// Not part of the job id: it says where a job may run, not what it computes. A sweep sets it with <c>device:</c> and
/// <c>min_device_memory_gb:</c>.
/// </summary>
public sealed record DeviceRequirement(string? Kind, long MinMemoryMb)
{
    /// <summary>Runs on any device.</summary>
    public static DeviceRequirement Any { get; } = new(null, 0);

    /// <summary>Whether a device of <paramref name="kind"/> with <paramref name="memoryMb"/> MiB (0 = unknown) may run the job.</summary>
    public bool AllowsDevice(string kind, long memoryMb) =>
        (Kind is null || string.Equals(Kind, kind, StringComparison.Ordinal))
        && (MinMemoryMb <= 0 || memoryMb >= MinMemoryMb);

    /// <summary>"any", "cuda", "cuda, ≥ 16384 MiB".</summary>
    public override string ToString() =>
        (Kind ?? "any") + (MinMemoryMb > 0 ? $", >= {MinMemoryMb} MiB" : "");
}
