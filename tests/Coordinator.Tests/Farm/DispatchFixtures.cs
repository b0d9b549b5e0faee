using System.Collections.Immutable;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;

namespace Daft.Coordinator.Tests.Farm;

/// <summary>Stored jobs, devices and a clock for the dispatcher's state tests.</summary>
internal static class DispatchFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static DispatchSettings Settings { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), 2);

    private static long seq;

    public static StoredJob Job(string id, string sweep = "s1", int priority = 0, int maxAttempts = 3, string[]? dependsOn = null,
        DeviceRequirement? requirement = null, JobState state = JobState.Pending, string? node = null, string? device = null, int attempt = 0) =>
        new(id, Interlocked.Increment(ref seq), $"dataset: digits\n# {id}\n", "ft", "digits", "small_cnn", 1,
            [.. dependsOn ?? []], requirement ?? DeviceRequirement.Any, state, attempt, maxAttempts, priority, node, device,
            null, T0, null, null, null, null, [sweep], ImmutableSortedDictionary<string, string>.Empty);

    public static DeviceDescriptor Cpu(int index, string node = "n1") => new(node, $"cpu:{index}", "cpu", 0);

    public static DeviceDescriptor Cuda(int index, long memoryMb, string node = "g1") => new(node, $"cuda:{index}", "cuda", memoryMb);

    public static DispatchState With(params StoredJob[] jobs)
    {
        var state = new DispatchState(Settings);
        state.Enqueue(jobs, new Dictionary<string, JobState>(), T0);
        return state;
    }

    public static WorkLease LeaseFor(this DispatchOutput output, DeviceDescriptor device) =>
        output.Messages.Where(message => message.Device == device).Select(message => message.Message).OfType<WorkLease>().Single();

    public static IEnumerable<WorkLease> Leases(this DispatchOutput output) => output.Messages.Select(message => message.Message).OfType<WorkLease>();

    public static DispatchOutput Succeed(this DispatchState state, WorkLease lease, DeviceDescriptor device, DateTimeOffset at, bool wantsMore = true)
    {
        state.Started(new JobStarted(lease.JobId, lease.Attempt, device), at);
        return state.Finished(new JobFinished(lease.JobId, lease.Attempt, device, "succeeded", null, false, "{\"ok\":1}", wantsMore), at);
    }

    public static DispatchOutput Fail(this DispatchState state, WorkLease lease, DeviceDescriptor device, DateTimeOffset at, bool retryable, bool wantsMore = true)
    {
        state.Started(new JobStarted(lease.JobId, lease.Attempt, device), at);
        return state.Finished(new JobFinished(lease.JobId, lease.Attempt, device, "failed", "boom", retryable, null, wantsMore), at);
    }
}
