using System.Collections.Immutable;
using Daft.Coordinator.Farm.Actors;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Api;

/// <summary>
/// The live cluster (<c>GET /api/nodes</c>, <c>daft nodes</c>): every node with its devices, the open jobs and how many
/// of them wait in the queue, and how many jobs ended, by state, since the coordinator started.
/// </summary>
public sealed record NodesView(DateTimeOffset At, int OpenJobs, int Queued, ImmutableSortedDictionary<string, long> Ended, ImmutableArray<NodeView> Nodes)
{
    /// <summary>
    /// The view of the dispatcher's <paramref name="farm"/>, each busy device's job labelled and its progress read from
    /// the ledger (<paramref name="jobOf"/>: a job by id, null when the ledger lacks it).
    /// </summary>
    public static NodesView Of(FarmDevices farm, Func<string, StoredJob?> jobOf)
    {
        var nodes = farm.Devices
            .GroupBy(usage => usage.Device.Node, StringComparer.Ordinal)
            .Select(node => new NodeView(node.Key, [.. node.Select(usage =>
            {
                var job = usage.JobId is { } id ? jobOf(id) : null;
                var progress = ProgressReading.Parse(job?.ProgressJson);
                return new DeviceView(usage.Device.Device, usage.Device.Kind, usage.Device.MemoryMb, usage.State, usage.JobId,
                    job is null ? null : JobLabels.Of(job), usage.JobId is null ? null : usage.Attempt, usage.BusySince, progress.Phase, progress.Epoch,
                    progress.Epochs, usage.JoinedAt, usage.BusyTime.TotalSeconds, usage.Utilisation(farm.At), usage.JobsDone, usage.Succeeded,
                    usage.Failed, usage.Interrupted);
            })]));
        return new NodesView(farm.At, farm.Open, farm.Ready, farm.Ended, [.. nodes]);
    }
}

/// <summary>A node of the cluster (its cluster address) and its devices.</summary>
public sealed record NodeView(string Node, ImmutableArray<DeviceView> Devices);

/// <summary>
/// A device: what it is, its state ("busy", "idle", "draining"), the job it runs (id, label, attempt, since when, phase
/// and epochs), and its record since it joined: time busy, <see cref="Utilisation"/> (the fraction of that time busy)
/// and its attempts by outcome (<see cref="JobsDone"/> = succeeded + failed; interrupted = cancelled or lease lost).
/// </summary>
public sealed record DeviceView(
    string Device,
    string Kind,
    long MemoryMb,
    string State,
    string? JobId,
    string? Label,
    int? Attempt,
    DateTimeOffset? Since,
    string? Phase,
    int? Epoch,
    int? Epochs,
    DateTimeOffset JoinedAt,
    double BusySeconds,
    double Utilisation,
    int JobsDone,
    int Succeeded,
    int Failed,
    int Interrupted);
