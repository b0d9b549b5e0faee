using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;

namespace Daft.Coordinator.Farm.Dispatch;

// Cancellation, priorities, and the rules every public step shares: scheduling, matching, leasing, closing.
public sealed partial class DispatchState
{
    /// <summary>Cancels open jobs: running ones are stopped on their devices; jobs that depend on them fail.</summary>
    public DispatchOutput Cancel(IEnumerable<string> jobIds, string reason, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        foreach (var id in jobIds)
        {
            if (jobs.TryGetValue(id, out var job))
            {
                CancelOne(job, reason, now, output);
            }
        }

        Match(now, output);
        return output;
    }

    /// <summary>
    /// Cancels a sweep: its jobs are cancelled, except those that also belong to another sweep still open, which only
    /// leave this one.
    /// </summary>
    public DispatchOutput CancelSweep(string sweepId, string reason, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        output.Writes.Add(new SweepCancelledWrite(sweepId, now));
        sweepPriority.Remove(sweepId);
        // Latest first: a job's dependents come after it, so they are cancelled too rather than failed by the cascade.
        foreach (var job in jobs.Values.Where(job => job.Sweeps.Contains(sweepId)).OrderByDescending(job => job.Seq).ToList())
        {
            if (!jobs.ContainsKey(job.Id))
            {
                continue;
            }

            if (job.Sweeps.Count == 1)
            {
                CancelOne(job, reason, now, output);
                continue;
            }

            var queued = ready.Remove(job.Id);
            var wasPrimary = job.PrimarySweep == sweepId;
            if (job.Worker is not null && wasPrimary)
            {
                runningPerSweep[sweepId]--;
            }

            job.Sweeps.Remove(sweepId);
            if (job.Worker is not null && wasPrimary)
            {
                runningPerSweep[job.PrimarySweep] = runningPerSweep.GetValueOrDefault(job.PrimarySweep) + 1;
            }

            job.Priority = PriorityOf(job);
            if (queued)
            {
                ready.Add(job);
            }
        }

        Match(now, output);
        return output;
    }

    /// <summary>Sets a sweep's priority; each job runs at the highest priority of its sweeps.</summary>
    public DispatchOutput SetPriority(string sweepId, int priority, DateTimeOffset now)
    {
        var output = new DispatchOutput();
        sweepPriority[sweepId] = priority;
        output.Writes.Add(new SweepPriorityWrite(sweepId, priority, now));
        foreach (var job in jobs.Values.Where(job => job.Sweeps.Contains(sweepId)))
        {
            var queued = ready.Remove(job.Id);
            job.Priority = PriorityOf(job);
            if (queued)
            {
                ready.Add(job);
            }
        }

        return output;
    }

    private int PriorityOf(DispatchJob job) => job.Sweeps.Max(sweep => sweepPriority.GetValueOrDefault(sweep, job.Priority));

    private void MergeSweeps(DispatchJob job, StoredJob stored)
    {
        var queued = ready.Remove(job.Id);
        var primary = job.PrimarySweep;
        job.Sweeps.UnionWith(stored.Sweeps);
        if (job.Worker is not null && primary != job.PrimarySweep)
        {
            runningPerSweep[primary]--;
            runningPerSweep[job.PrimarySweep] = runningPerSweep.GetValueOrDefault(job.PrimarySweep) + 1;
        }

        job.Priority = Math.Max(job.Priority, stored.Priority);
        job.MaxAttempts = Math.Max(job.MaxAttempts, stored.MaxAttempts);
        if (queued)
        {
            ready.Add(job);
        }
    }

    private void CancelOne(DispatchJob job, string reason, DateTimeOffset now, DispatchOutput output)
    {
        if (job.Worker is { } device)
        {
            FreeDevice(job, now, "cancelled");
            output.Messages.Add(new ToDevice(device, new CancelJob(job.Id, job.Attempt, reason)));
        }

        output.Writes.Add(new JobCancelledWrite(job.Id, reason, now));
        Close(job, JobState.Cancelled, reason, now, output);
    }

    /// <summary>A pending job becomes ready when every dependency succeeded, fails when one failed or is unknown, else waits.</summary>
    private void Schedule(DispatchJob job, DateTimeOffset now, DispatchOutput output)
    {
        var waiting = false;
        foreach (var dependency in job.DependsOn)
        {
            if (jobs.ContainsKey(dependency))
            {
                waiting = true;
                Waits(job, dependency);
                continue;
            }

            var state = finished.TryGetValue(dependency, out var known) ? known : (JobState?)null;
            if (state == JobState.Succeeded)
            {
                continue;
            }

            var reason = state is null
                ? $"depends on job {dependency}, which is not in the ledger"
                : $"depends on job {dependency}, which {(state == JobState.Cancelled ? "was cancelled" : "failed")}";
            output.Writes.Add(new JobFailedWrite(job.Id, job.Attempt, reason, false, true, null, now));
            Close(job, JobState.Failed, reason, now, output);
            return;
        }

        job.State = JobState.Pending;
        if (!waiting)
        {
            ready.Add(job);
        }
    }

    private void Waits(DispatchJob job, string dependency)
    {
        if (!dependents.TryGetValue(dependency, out var waiting))
        {
            dependents[dependency] = waiting = new HashSet<string>(StringComparer.Ordinal);
        }

        waiting.Add(job.Id);
    }

    /// <summary>Gives ready jobs to idle devices, in the idle devices' order (the longest waiting first).</summary>
    private void Match(DateTimeOffset now, DispatchOutput output)
    {
        if (idle.Count == 0 || ready.Count == 0)
        {
            return;
        }

        foreach (var device in idle.Values.ToList())
        {
            var pick = ready.Pick(id => jobs[id].Requirement.AllowsDevice(device.Kind, device.MemoryMb), runningPerSweep);
            if (pick is not null)
            {
                Lease(jobs[pick], device, now, output);
            }

            if (ready.Count == 0)
            {
                return;
            }
        }
    }

    private void Lease(DispatchJob job, DeviceDescriptor device, DateTimeOffset now, DispatchOutput output)
    {
        var key = device.ToString();
        ready.Remove(job.Id);
        idle.Remove(key);
        job.Attempt++;
        job.State = JobState.Leased;
        job.Worker = device;
        job.LeaseExpiresAt = now + settings.Lease;
        job.LastProgressAt = now;
        job.ProgressJson = null;
        leaseOfDevice[key] = job.Id;
        book.Leased(device, job.Id, job.Attempt, now);
        runningPerSweep[job.PrimarySweep] = runningPerSweep.GetValueOrDefault(job.PrimarySweep) + 1;
        output.Writes.Add(new JobLeasedWrite(job.Id, job.Attempt, device.Node, device.Device, job.LeaseExpiresAt, now));
        output.Messages.Add(new ToDevice(device, new WorkLease(job.Id, job.Attempt, job.SpecYaml, settings.Lease.TotalSeconds)));
        output.Changes.Add(Change(job, null));
    }

    private bool IsCurrentLease(string jobId, int attempt, DeviceDescriptor device, out DispatchJob job)
    {
        if (jobs.TryGetValue(jobId, out job!) && job.Worker is { } worker && job.Attempt == attempt
            && worker.Node == device.Node && worker.Device == device.Device)
        {
            return true;
        }

        return false;
    }

    private IEnumerable<DispatchJob> LeasedJobs() => leaseOfDevice.Values.Select(id => jobs[id]);

    /// <summary>The job's device is free again; <paramref name="outcome"/> is how its attempt ended there (the device book's count).</summary>
    private void FreeDevice(DispatchJob job, DateTimeOffset now, string outcome)
    {
        book.Freed(job.Worker!, outcome, now);
        leaseOfDevice.Remove(job.Worker!.ToString());
        runningPerSweep[job.PrimarySweep]--;
        job.Worker = null;
    }

    /// <summary>Back to the queue after a lost lease; a job that keeps losing its lease fails for good.</summary>
    private void Requeue(DispatchJob job, string reason, DateTimeOffset now, DispatchOutput output, bool deviceFreed = false, bool tellDevice = true)
    {
        if (!deviceFreed && job.Worker is { } device)
        {
            FreeDevice(job, now, "requeued");
            if (tellDevice)
            {
                output.Messages.Add(new ToDevice(device, new CancelJob(job.Id, job.Attempt, reason)));
            }
        }

        job.Requeues++;
        if (job.Requeues > settings.MaxRequeues)
        {
            var final = $"lost its device {job.Requeues} times (last: {reason})";
            output.Writes.Add(new JobFailedWrite(job.Id, job.Attempt, final, false, true, null, now));
            Close(job, JobState.Failed, final, now, output);
            return;
        }

        job.State = JobState.Pending;
        output.Writes.Add(new JobRequeuedWrite(job.Id, job.Attempt, reason, now));
        ready.Add(job);
        output.Changes.Add(Change(job, reason));
    }

    /// <summary>A failed attempt (device already freed): retried while it is retryable and attempts are left.</summary>
    private void Fail(DispatchJob job, string reason, bool retryable, string? resultJson, DateTimeOffset now, DispatchOutput output)
    {
        job.Failures++;
        if (retryable && job.Failures < job.MaxAttempts)
        {
            job.State = JobState.Pending;
            output.Writes.Add(new JobFailedWrite(job.Id, job.Attempt, reason, true, false, null, now));
            ready.Add(job);
            output.Changes.Add(Change(job, reason));
            return;
        }

        var final = retryable ? $"{reason} (attempt {job.Failures} of {job.MaxAttempts})" : reason;
        output.Writes.Add(new JobFailedWrite(job.Id, job.Attempt, final, retryable, true, resultJson, now));
        Close(job, JobState.Failed, final, now, output);
    }

    /// <summary>The job leaves the open set; its dependents become ready (success) or fail with it.</summary>
    private void Close(DispatchJob job, JobState state, string? reason, DateTimeOffset now, DispatchOutput output)
    {
        jobs.Remove(job.Id);
        ready.Remove(job.Id);
        finished[job.Id] = state;
        Ends(state);
        job.State = state;
        output.Changes.Add(Change(job, reason));
        if (!dependents.Remove(job.Id, out var waiting))
        {
            return;
        }

        foreach (var dependent in waiting.Where(jobs.ContainsKey).Select(id => jobs[id]).OrderBy(job => job.Seq).ToList())
        {
            if (state != JobState.Succeeded)
            {
                var why = $"depends on job {job.Id}, which {(state == JobState.Cancelled ? "was cancelled" : "failed")}";
                output.Writes.Add(new JobFailedWrite(dependent.Id, dependent.Attempt, why, false, true, null, now));
                Close(dependent, JobState.Failed, why, now, output);
            }
            else if (dependent.DependsOn.All(id => finished.GetValueOrDefault(id) == JobState.Succeeded && !jobs.ContainsKey(id)))
            {
                ready.Add(dependent);
            }
        }
    }

    private static JobChanged Change(DispatchJob job, string? reason) =>
        new(job.Id, [.. job.Sweeps], job.State, job.Attempt, job.Worker?.ToString(), reason, job.ProgressJson);
}
