using System.Collections.Immutable;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Farm.Actors;

/// <summary>To the dispatcher: the devices of the live cluster and the farm's counters. Replied with <see cref="FarmDevices"/>.</summary>
public sealed record GetFarmDevices;

/// <summary>
/// The dispatcher's view of the live cluster at <paramref name="At"/>: every device with what it runs and its
/// utilisation, the open and ready (queued) job counts, and how many jobs ended, by state, since the dispatcher started.
/// </summary>
public sealed record FarmDevices(
    DateTimeOffset At,
    ImmutableArray<DeviceUsage> Devices,
    int Open,
    int Ready,
    ImmutableSortedDictionary<string, long> Ended)
{
    public static FarmDevices Of(DispatchState state, DateTimeOffset now) => new(now, [.. state.Devices(now)], state.OpenCount, state.ReadyCount,
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, state.Ended.Select(pair => KeyValuePair.Create(pair.Key.Text(), pair.Value))));
}
