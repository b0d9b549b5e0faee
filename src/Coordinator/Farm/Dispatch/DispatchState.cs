using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;

namespace Daft.Coordinator.Farm.Dispatch;

/// <summary>
/// The dispatcher's state: every open job, the ready queue, the blocked jobs waiting for their dependencies, the idle
/// devices, the leases. Pure: each method takes the time, changes the state and returns what must be written to the
/// ledger and sent (<see cref="DispatchOutput"/>); it does no I/O, so every rule is unit-tested without actors or
/// clocks. Rules: DESIGN.md "How a sweep flows"; failures and leases: farm-anchors.md §E.1–2.
/// </summary>
public sealed partial class DispatchState(DispatchSettings settings)
{
    private readonly Dictionary<string, DispatchJob> jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobState> finished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> dependents = new(StringComparer.Ordinal);
    private readonly ReadyQueue ready = new();
    private readonly Dictionary<string, int> runningPerSweep = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> sweepPriority = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, DeviceDescriptor> idle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> leaseOfDevice = new(StringComparer.Ordinal);

    public DispatchSettings Settings => settings;

    /// <summary>Open jobs (pending, leased, running).</summary>
    public int OpenCount => jobs.Count;

    /// <summary>Jobs that could run now if a device asked.</summary>
    public int ReadyCount => ready.Count;

    /// <summary>Devices waiting for work.</summary>
    public IReadOnlyCollection<DeviceDescriptor> IdleDevices => idle.Values;

    /// <summary>The state of an open job, or of a job this state saw finish; null when unknown.</summary>
    public JobState? StateOf(string jobId) =>
        jobs.TryGetValue(jobId, out var job) ? job.State : finished.TryGetValue(jobId, out var state) ? state : null;

    /// <summary>The current lease of every busy device: (device, job id, attempt, state).</summary>
    public IEnumerable<(DeviceDescriptor Device, string JobId, int Attempt, JobState State)> Leases() =>
        leaseOfDevice.Values.Select(id => jobs[id]).Select(job => (job.Worker!, job.Id, job.Attempt, job.State));

    /// <summary>
    /// Takes over open jobs from the ledger: a new submission, or every open job when the coordinator (re)starts.
    /// <paramref name="dependencyStates"/> holds the ledger state of every dependency that is not itself among
    /// <paramref name="openJobs"/>. A job the ledger says is leased or running keeps its lease for one lease period from
    /// <paramref name="now"/>, so that a node still running it can report back (or the lease expires and it runs again).
    /// </summary>
    public DispatchOutput Enqueue(IEnumerable<StoredJob> openJobs, IReadOnlyDictionary<string, JobState> dependencyStates, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        foreach (var (id, state) in dependencyStates)
        {
            if (state.IsTerminal() && !jobs.ContainsKey(id))
            {
                finished[id] = state;
            }
        }

        var added = new List<DispatchJob>();
        foreach (var stored in openJobs.Where(job => job.State.IsOpen()))
        {
            foreach (var sweep in stored.Sweeps)
            {
                sweepPriority.TryAdd(sweep, stored.Priority);
            }

            if (jobs.TryGetValue(stored.Id, out var known))
            {
                MergeSweeps(known, stored);
                continue;
            }

            finished.Remove(stored.Id);
            var job = new DispatchJob
            {
                Id = stored.Id,
                Seq = stored.SubmittedSeq,
                SpecYaml = stored.SpecYaml,
                DependsOn = stored.DependsOn,
                Requirement = stored.Requirement,
                Sweeps = [.. stored.Sweeps],
                MaxAttempts = Math.Max(1, stored.MaxAttempts),
                Priority = stored.Priority,
                Attempt = stored.Attempt,
            };
            jobs[job.Id] = job;
            if (stored.State is JobState.Leased or JobState.Running && stored.Node is not null && stored.Device is not null)
            {
                var device = new DeviceDescriptor(stored.Node, stored.Device, "", 0);
                job.State = stored.State;
                job.Worker = device;
                job.LeaseExpiresAt = now + settings.Lease;
                job.LastProgressAt = now;
                job.ProgressJson = stored.ProgressJson;
                leaseOfDevice[device.ToString()] = job.Id;
                book.Leased(device, job.Id, job.Attempt, now);
                runningPerSweep[job.PrimarySweep] = runningPerSweep.GetValueOrDefault(job.PrimarySweep) + 1;
            }
            else
            {
                added.Add(job);
            }
        }

        foreach (var job in added)
        {
            Schedule(job, now, output);
        }

        Match(now, output);
        return output;
    }

    /// <summary>
    /// An idle device asks for work: it gets the next job it may run, or waits in the idle list. A device that asks
    /// while it holds a lease either has not received it yet (the request names an older lease: nothing to do) or
    /// lost it (the request names that very lease: it goes back to the queue).
    /// </summary>
    public DispatchOutput RequestWork(RequestWork request, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        var device = request.Device;
        var key = device.ToString();
        book.Seen(device, now, asksForWork: true);
        if (leaseOfDevice.TryGetValue(key, out var heldId))
        {
            var held = jobs[heldId];
            if (request.LastJobId != held.Id || request.LastAttempt != held.Attempt)
            {
                return output;
            }

            Requeue(held, "the device lost the job", now, output);
        }

        idle[key] = device;
        Match(now, output);
        return output;
    }

    /// <summary>The device acknowledges its lease: the job is running.</summary>
    public DispatchOutput Started(JobStarted started, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        book.Seen(started.Device, now);
        if (!IsCurrentLease(started.JobId, started.Attempt, started.Device, out var job))
        {
            output.Messages.Add(new ToDevice(started.Device, new CancelJob(started.JobId, started.Attempt, "this lease is no longer valid")));
            return output;
        }

        if (job.State == JobState.Leased)
        {
            job.State = JobState.Running;
            job.LeaseExpiresAt = now + settings.Lease;
            job.LastProgressAt = now;
            output.Writes.Add(new JobStartedWrite(job.Id, job.Attempt, job.LeaseExpiresAt, now));
            output.Changes.Add(Change(job, null));
        }

        return output;
    }

    /// <summary>A heartbeat extends the lease; new progress is recorded. A heartbeat for a lease that is gone stops the job.</summary>
    public DispatchOutput Heartbeat(JobHeartbeat heartbeat, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        book.Seen(heartbeat.Device, now);
        if (!IsCurrentLease(heartbeat.JobId, heartbeat.Attempt, heartbeat.Device, out var job))
        {
            output.Messages.Add(new ToDevice(heartbeat.Device, new CancelJob(heartbeat.JobId, heartbeat.Attempt, "the lease was lost")));
            return output;
        }

        job.LeaseExpiresAt = now + settings.Lease;
        if (job.State == JobState.Leased)
        {
            // The start ack was lost or overtaken: a heartbeat proves the job runs.
            job.State = JobState.Running;
            job.LastProgressAt = now;
            output.Writes.Add(new JobStartedWrite(job.Id, job.Attempt, job.LeaseExpiresAt, now));
            output.Changes.Add(Change(job, null));
        }

        if (heartbeat.ProgressJson is { } progress && progress != job.ProgressJson)
        {
            job.ProgressJson = progress;
            job.LastProgressAt = now;
            output.Writes.Add(new JobProgressWrite(job.Id, job.Attempt, progress, job.LeaseExpiresAt, heartbeat.Milestone, now));
            output.Changes.Add(Change(job, null));
        }

        return output;
    }

    /// <summary>
    /// An attempt ended. Always acknowledged (the device resends until it is), recorded only when it is the current
    /// lease. A success releases the jobs that depend on it; a failure is retried while attempts are left and it is
    /// retryable, else the job fails for good and so do the jobs that depend on it.
    /// </summary>
    public DispatchOutput Finished(JobFinished message, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        var key = message.Device.ToString();
        book.Seen(message.Device, now, asksForWork: message.WantsMore);
        if (IsCurrentLease(message.JobId, message.Attempt, message.Device, out var job))
        {
            FreeDevice(job, now, message.Status == "succeeded" ? "succeeded" : message.Status == "cancelled" ? "cancelled" : "failed");
            switch (message.Status)
            {
                case "succeeded":
                    output.Writes.Add(new JobSucceededWrite(job.Id, job.Attempt, message.ResultJson ?? "{}", now));
                    Close(job, JobState.Succeeded, null, now, output);
                    break;
                case "cancelled":
                    Requeue(job, message.Reason ?? "stopped on its device", now, output, deviceFreed: true);
                    break;
                default:
                    Fail(job, message.Reason ?? "failed", message.Retryable, message.ResultJson, now, output);
                    break;
            }
        }

        output.Messages.Add(new ToDevice(message.Device, new JobFinishedAck(message.JobId, message.Attempt)));
        if (message.WantsMore && !leaseOfDevice.ContainsKey(key))
        {
            idle[key] = message.Device;
        }
        else if (!message.WantsMore)
        {
            book.Draining(message.Device);
        }

        Match(now, output);
        return output;
    }

    /// <summary>The device hands its job back without a result (draining): back to the queue, no failure counted.</summary>
    public DispatchOutput Released(JobReleased message, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        idle.Remove(message.Device.ToString());
        book.Seen(message.Device, now);
        if (IsCurrentLease(message.JobId, message.Attempt, message.Device, out var job))
        {
            Requeue(job, message.Reason, now, output);
        }

        book.Draining(message.Device);

        Match(now, output);
        return output;
    }

    /// <summary>A node left the cluster (or became unreachable for good): all its leases go back to the queue at once.</summary>
    public DispatchOutput NodeLost(string node, string reason, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        foreach (var key in idle.Where(pair => pair.Value.Node == node).Select(pair => pair.Key).ToList())
        {
            idle.Remove(key);
        }

        foreach (var job in LeasedJobs().Where(job => job.Worker!.Node == node).ToList())
        {
            Requeue(job, reason, now, output, deviceFreed: false, tellDevice: false);
        }

        book.NodeLeft(node);

        Match(now, output);
        return output;
    }

    /// <summary>Expires leases without heartbeats and stops jobs that made no progress for too long.</summary>
    public DispatchOutput Tick(DateTimeOffset now)
    {
        var output = new DispatchOutput();
        foreach (var job in LeasedJobs().ToList())
        {
            if (job.LeaseExpiresAt < now)
            {
                Requeue(job, $"no heartbeat from {job.Worker} for {settings.Lease.TotalSeconds:0.#} s", now, output);
            }
            else if (job.State == JobState.Running && now - job.LastProgressAt > settings.StuckAfter)
            {
                var device = job.Worker!;
                FreeDevice(job, now, "failed");
                output.Messages.Add(new ToDevice(device, new CancelJob(job.Id, job.Attempt, "stuck")));
                Fail(job, $"stuck: no progress for {settings.StuckAfter.TotalMinutes:0.#} min", retryable: true, null, now, output);
            }
        }

        Match(now, output);
        return output;
    }
}
