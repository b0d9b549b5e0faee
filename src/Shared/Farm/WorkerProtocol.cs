namespace Daft.Shared.Farm;

// The work-pulling protocol between a node's device actors and the coordinator's dispatcher (DESIGN.md, "How a sweep
// flows", step 4). Akka.Delivery has no pull mode, so it is ours: small, explicit, every message idempotent, so that a
// device may resend what it has not seen acknowledged. Messages cross the network: plain strings, numbers and arrays only.

/// <summary>A device of a node and what it can run.</summary>
/// <param name="Node">The node's name: its cluster address, "127.0.0.1:40123".</param>
/// <param name="Device">The device on that node: "cpu:0", "cuda:1".</param>
/// <param name="Kind">"cpu" or "cuda".</param>
/// <param name="MemoryMb">Device memory in MiB; 0 when unknown (CPU slots).</param>
public sealed record DeviceDescriptor(string Node, string Device, string Kind, long MemoryMb) : IFarmMessage
{
    /// <summary>"node/device", the worker's name in logs and in the ledger.</summary>
    public override string ToString() => $"{Node}/{Device}";
}

/// <summary>
/// An idle device asks for one job. Sent on start, and again every few seconds until a lease arrives (the dispatcher
/// keeps one waiting entry per device). <paramref name="LastJobId"/>/<paramref name="LastAttempt"/> name the last lease
/// the device received (null/0 for none), so the dispatcher can tell a lease still in flight (keep it) from one the
/// device lost (take it back).
/// </summary>
public sealed record RequestWork(DeviceDescriptor Device, string? LastJobId = null, int LastAttempt = 0) : IFarmMessage;

/// <summary>
/// The dispatcher gives a job to a device: the job's resolved spec as a job file, the attempt (1-based; every message
/// about the job carries it), and the heartbeat deadline: no heartbeat for <paramref name="LeaseSeconds"/> and the job
/// goes back to the queue.
/// </summary>
public sealed record WorkLease(string JobId, int Attempt, string SpecYaml, double LeaseSeconds) : IFarmMessage;

/// <summary>The device started the leased job (the explicit ack that keeps a lease from being issued twice).</summary>
public sealed record JobStarted(string JobId, int Attempt, DeviceDescriptor Device) : IFarmMessage;

/// <summary>
/// The device is alive and the job runs. <paramref name="ProgressJson"/> is the latest <see cref="JobProgress"/> as
/// JSON or null; <paramref name="Milestone"/> marks an epoch's end (recorded in the job's history).
/// </summary>
public sealed record JobHeartbeat(string JobId, int Attempt, DeviceDescriptor Device, string? ProgressJson, bool Milestone) : IFarmMessage;

/// <summary>
/// The attempt ended. <paramref name="Status"/>: "succeeded", "failed" or "cancelled". For a failure,
/// <paramref name="Reason"/> and <paramref name="Retryable"/> (false for a bad spec, NaN loss, out of memory).
/// <paramref name="ResultJson"/> is result.json when the job wrote one. <paramref name="WantsMore"/>: the device is
/// idle and asks for its next job in the same breath. Resent until <see cref="JobFinishedAck"/> arrives.
/// </summary>
public sealed record JobFinished(
    string JobId,
    int Attempt,
    DeviceDescriptor Device,
    string Status,
    string? Reason,
    bool Retryable,
    string? ResultJson,
    bool WantsMore) : IFarmMessage;

/// <summary>The dispatcher has recorded the end of the attempt: the device may forget it.</summary>
public sealed record JobFinishedAck(string JobId, int Attempt) : IFarmMessage;

/// <summary>The device gives the job back without a result (the node is draining): it returns to the queue, no failure counted.</summary>
public sealed record JobReleased(string JobId, int Attempt, DeviceDescriptor Device, string Reason) : IFarmMessage;

/// <summary>The dispatcher tells a device to stop a job: cancelled by a user, its lease lost, or stuck.</summary>
public sealed record CancelJob(string JobId, int Attempt, string Reason) : IFarmMessage;

/// <summary>Progress of a running job, sent as JSON in <see cref="JobHeartbeat"/>.</summary>
/// <param name="Phase">"setup", "bn_conversion", "probe", "train", "eval" or "done".</param>
/// <param name="Epoch">Epochs finished (0 before the first ends).</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="TrainLoss">Training loss of the last finished epoch.</param>
/// <param name="IdVal">ID-validation accuracy (fraction) after the last finished epoch.</param>
/// <param name="Ood">Each OOD set's accuracy after the last finished epoch.</param>
public sealed record JobProgress(string Phase, int Epoch, int Epochs, double? TrainLoss, double? IdVal, IReadOnlyDictionary<string, double>? Ood);
