using System.Collections.Immutable;
using Akka.Actor;
using Daft.Coordinator.Farm.Dispatch;

namespace Daft.Coordinator.Farm.Actors;

// Messages among the coordinator's actors and from its clients (`daft run`, later the HTTP API). They carry ids, not
// specs: the ledger already holds every job when they are sent.

/// <summary>Addressed to one sweep's entity (the sharding envelope reads <see cref="SweepId"/>).</summary>
public interface ISweepMessage
{
    string SweepId { get; }
}

/// <summary>The sweep's jobs are in the ledger (<c>IJobLedger.Submit</c> returned): its entity hands them to the dispatcher. Replied with <see cref="SweepStatus"/>.</summary>
public sealed record StartSweep(string SweepId) : ISweepMessage;

/// <summary>The dispatcher tells a sweep that one of its jobs changed state.</summary>
public sealed record SweepJobChanged(string SweepId, JobChanged Change) : ISweepMessage;

/// <summary>Subscribes <paramref name="Watcher"/> to the sweep: it gets a <see cref="SweepStatus"/> now and after every change.</summary>
public sealed record WatchSweep(string SweepId, IActorRef Watcher) : ISweepMessage;

/// <summary>Asks for the sweep's <see cref="SweepStatus"/>.</summary>
public sealed record GetSweepStatus(string SweepId) : ISweepMessage;

/// <summary>Cancels the sweep: queued jobs are dropped, running ones stopped (jobs another sweep still wants keep running).</summary>
public sealed record CancelSweep(string SweepId, string Reason) : ISweepMessage;

/// <summary>Changes the sweep's priority (higher runs first).</summary>
public sealed record SetSweepPriority(string SweepId, int Priority) : ISweepMessage;

/// <summary>A running job as a status shows it.</summary>
public sealed record RunningJob(string JobId, string Device, int Attempt, string? ProgressJson);

/// <summary>
/// Where a sweep stands: jobs by state, the running ones with their device and progress, the failures with their
/// reasons (in the order they happened), and whether nothing is left to do. <paramref name="LastChange"/> is what
/// triggered this status (null for a snapshot).
/// </summary>
public sealed record SweepStatus(
    string SweepId,
    string Name,
    ImmutableSortedDictionary<string, int> Counts,
    ImmutableArray<RunningJob> Running,
    ImmutableArray<(string JobId, string Reason)> Failures,
    bool Done,
    JobChanged? LastChange);

/// <summary>To the dispatcher: take the open jobs of this sweep from the ledger. Replied with <see cref="Akka.Done"/>.</summary>
public sealed record EnqueueSweep(string SweepId);

/// <summary>To the dispatcher: cancel a sweep's jobs.</summary>
public sealed record CancelSweepJobs(string SweepId, string Reason);

/// <summary>To the dispatcher: cancel these jobs.</summary>
public sealed record CancelJobs(ImmutableArray<string> JobIds, string Reason);

/// <summary>To the dispatcher: a sweep's new priority.</summary>
public sealed record SetPriority(string SweepId, int Priority);

/// <summary>To the dispatcher: what it holds now. Replied with <see cref="DispatchSnapshot"/>.</summary>
public sealed record GetDispatchSnapshot;

/// <summary>The dispatcher's view: open and ready job counts, idle devices, leases.</summary>
public sealed record DispatchSnapshot(int Open, int Ready, ImmutableArray<string> IdleDevices, ImmutableArray<RunningJob> Leases);
