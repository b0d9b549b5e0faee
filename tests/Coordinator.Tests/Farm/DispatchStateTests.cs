using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;
using static Daft.Coordinator.Tests.Farm.DispatchFixtures;

namespace Daft.Coordinator.Tests.Farm;

public sealed class DispatchStateTests
{
    [Fact]
    public void An_idle_device_gets_one_job_and_asking_again_keeps_a_lease_in_flight_but_takes_back_a_lost_one()
    {
        var state = With(Job("a"), Job("b"));
        var first = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        Assert.Equal(("a", 1), (first.JobId, first.Attempt));
        Assert.Equal(JobState.Leased, state.StateOf("a"));

        // Asked again before the lease arrived: the lease stands.
        Assert.True(state.RequestWork(new RequestWork(Cpu(0)), T0.AddSeconds(1)).IsEmpty);
        Assert.Equal(JobState.Leased, state.StateOf("a"));

        // Asked again naming that lease: the device lost the job, which goes back; the device gets the next one.
        var second = state.RequestWork(new RequestWork(Cpu(0), "a", 1), T0.AddSeconds(2));
        Assert.Contains(second.Writes, write => write is JobRequeuedWrite { JobId: "a" });
        Assert.Single(state.Leases());
    }

    [Fact]
    public void A_success_is_written_before_the_ack_and_the_device_gets_its_next_job_in_the_same_step()
    {
        var state = With(Job("a"), Job("b"));
        var lease = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        var started = state.Started(new JobStarted(lease.JobId, lease.Attempt, Cpu(0)), T0);
        Assert.IsType<JobStartedWrite>(Assert.Single(started.Writes));
        var done = state.Finished(new JobFinished("a", 1, Cpu(0), "succeeded", null, false, "{}", WantsMore: true), T0.AddSeconds(2));

        Assert.Collection(done.Writes,
            write => Assert.IsType<JobSucceededWrite>(write),
            write => Assert.Equal("b", Assert.IsType<JobLeasedWrite>(write).JobId));
        Assert.Contains(done.Messages, message => message.Message is JobFinishedAck { JobId: "a" });
        Assert.Equal("b", done.LeaseFor(Cpu(0)).JobId);
        Assert.Equal(JobState.Succeeded, state.StateOf("a"));
    }

    [Fact]
    public void Higher_priority_runs_first_then_sweeps_share_devices_then_submission_order()
    {
        var state = With(Job("a1", "A"), Job("a2", "A"), Job("a3", "A"), Job("b1", "B"), Job("b2", "B"), Job("urgent", "C", priority: 5));
        var picks = new[] { Cpu(0), Cpu(1), Cpu(2), Cpu(3) }.Select(device => state.RequestWork(new RequestWork(device), T0).LeaseFor(device).JobId).ToList();
        Assert.Equal(["urgent", "a1", "b1", "a2"], picks);
    }

    [Fact]
    public void A_retryable_failure_is_retried_until_the_attempts_are_used_up()
    {
        var state = With(Job("a", maxAttempts: 2));
        var lease = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        var first = state.Fail(lease, Cpu(0), T0, retryable: true);
        Assert.Contains(first.Writes, write => write is JobFailedWrite { Final: false });
        var retry = first.LeaseFor(Cpu(0));
        Assert.Equal(2, retry.Attempt);

        var second = state.Fail(retry, Cpu(0), T0, retryable: true);
        var final = Assert.Single(second.Writes.OfType<JobFailedWrite>());
        Assert.True(final.Final);
        Assert.Contains("attempt 2 of 2", final.Reason);
        Assert.Equal(JobState.Failed, state.StateOf("a"));
    }

    [Fact]
    public void A_non_retryable_failure_fails_at_once_with_its_reason()
    {
        var state = With(Job("a", maxAttempts: 5));
        var lease = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        var output = state.Fail(lease, Cpu(0), T0, retryable: false);
        Assert.Equal("boom", Assert.Single(output.Writes.OfType<JobFailedWrite>(), write => write.Final).Reason);
        Assert.Empty(output.Leases());
    }

    [Fact]
    public void A_lease_without_heartbeats_expires_and_a_late_report_from_the_old_attempt_is_acked_but_ignored()
    {
        var state = With(Job("a"));
        var lease = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        state.Started(new JobStarted("a", 1, Cpu(0)), T0);
        state.Heartbeat(new JobHeartbeat("a", 1, Cpu(0), null, false), T0.AddSeconds(20));
        Assert.Empty(state.Tick(T0.AddSeconds(45)).Writes); // 25 s since the heartbeat: still valid

        var expired = state.Tick(T0.AddSeconds(51));
        Assert.Contains(expired.Writes, write => write is JobRequeuedWrite { JobId: "a" });
        Assert.Contains(expired.Messages, message => message.Message is CancelJob { JobId: "a" });
        var again = state.RequestWork(new RequestWork(Cpu(1)), T0.AddSeconds(52)).LeaseFor(Cpu(1));
        Assert.Equal(2, again.Attempt);

        var late = state.Finished(new JobFinished("a", lease.Attempt, Cpu(0), "succeeded", null, false, "{}", false), T0.AddSeconds(53));
        Assert.Empty(late.Writes);
        Assert.Contains(late.Messages, message => message.Message is JobFinishedAck { Attempt: 1 });
        Assert.Equal(JobState.Leased, state.StateOf("a"));
    }

    [Fact]
    public void A_heartbeat_for_a_lost_lease_stops_the_job_on_its_device()
    {
        var state = With(Job("a"));
        var output = state.Heartbeat(new JobHeartbeat("a", 7, Cpu(0), null, false), T0);
        Assert.Equal(new CancelJob("a", 7, "the lease was lost"), Assert.Single(output.Messages).Message);
    }

    [Fact]
    public void A_node_that_leaves_gives_back_every_lease_at_once()
    {
        var state = With(Job("a"), Job("b"), Job("c"));
        state.RequestWork(new RequestWork(Cpu(0, "n1")), T0);
        state.RequestWork(new RequestWork(Cpu(1, "n1")), T0);
        state.RequestWork(new RequestWork(Cpu(0, "n2")), T0);
        var lost = state.NodeLost("n1", "node n1 left the cluster", T0.AddSeconds(1));
        Assert.Equal(2, lost.Writes.OfType<JobRequeuedWrite>().Count());
        Assert.DoesNotContain(lost.Messages, message => message.Device.Node == "n1");
        Assert.Single(state.Leases());
    }

    [Fact]
    public void Progress_is_recorded_when_it_changes_and_extends_the_lease()
    {
        var state = With(Job("a"));
        state.RequestWork(new RequestWork(Cpu(0)), T0);
        state.Started(new JobStarted("a", 1, Cpu(0)), T0);
        var first = state.Heartbeat(new JobHeartbeat("a", 1, Cpu(0), "{\"epoch\":1}", true), T0.AddSeconds(5));
        Assert.True(Assert.IsType<JobProgressWrite>(Assert.Single(first.Writes)).Milestone);
        Assert.Empty(state.Heartbeat(new JobHeartbeat("a", 1, Cpu(0), "{\"epoch\":1}", false), T0.AddSeconds(10)).Writes);
    }

    [Fact]
    public void A_job_without_progress_for_too_long_is_stopped_and_counted_as_a_failure()
    {
        var state = With(Job("a", maxAttempts: 3));
        state.RequestWork(new RequestWork(Cpu(0)), T0);
        state.Started(new JobStarted("a", 1, Cpu(0)), T0);
        for (var second = 5; second <= 11 * 60; second += 5)
        {
            state.Heartbeat(new JobHeartbeat("a", 1, Cpu(0), "{\"epoch\":0}", false), T0.AddSeconds(second));
            var tick = state.Tick(T0.AddSeconds(second));
            if (tick.Writes.Count > 0)
            {
                Assert.Contains(tick.Writes, write => write is JobFailedWrite { Final: false, Reason: var reason } && reason.StartsWith("stuck", StringComparison.Ordinal));
                Assert.Contains(tick.Messages, message => message.Message is CancelJob { Reason: "stuck" });
                Assert.InRange(second, 10 * 60, 10 * 60 + 10); // progress first seen at 5 s
                return;
            }
        }

        Assert.Fail("the stuck job was never stopped");
    }

    [Fact]
    public void A_job_that_keeps_losing_its_device_fails_after_the_requeue_budget()
    {
        var state = With(Job("a"));
        for (var attempt = 1; attempt <= Settings.MaxRequeues + 1; attempt++)
        {
            state.RequestWork(new RequestWork(Cpu(0, $"n{attempt}")), T0);
            state.NodeLost($"n{attempt}", "node gone", T0);
        }

        Assert.Equal(JobState.Failed, state.StateOf("a"));
    }

    [Fact]
    public void A_dependent_job_waits_for_its_dependency_and_runs_after_it_succeeds()
    {
        var state = With(Job("lp"), Job("lpft", dependsOn: ["lp"]));
        var lp = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        Assert.Empty(state.RequestWork(new RequestWork(Cpu(1)), T0).Leases());
        var done = state.Succeed(lp, Cpu(0), T0, wantsMore: false);
        Assert.Equal("lpft", done.LeaseFor(Cpu(1)).JobId);
    }

    [Fact]
    public void A_dependent_job_fails_when_its_dependency_fails_and_one_whose_dependency_already_succeeded_runs()
    {
        var state = With(Job("lp", maxAttempts: 1), Job("lpft", dependsOn: ["lp"]));
        var lp = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        var failed = state.Fail(lp, Cpu(0), T0, retryable: true);
        var dependent = Assert.Single(failed.Writes.OfType<JobFailedWrite>(), write => write.JobId == "lpft");
        Assert.Equal("depends on job lp, which failed", dependent.Reason);

        var later = new DispatchState(Settings);
        later.Enqueue([Job("lpft2", dependsOn: ["lp0"])], new Dictionary<string, JobState> { ["lp0"] = JobState.Succeeded }, T0);
        Assert.Equal("lpft2", later.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0)).JobId);
        var orphan = new DispatchState(Settings);
        var unknown = orphan.Enqueue([Job("x", dependsOn: ["nowhere"])], new Dictionary<string, JobState>(), T0);
        Assert.Contains("not in the ledger", Assert.Single(unknown.Writes.OfType<JobFailedWrite>()).Reason);
    }

    [Fact]
    public void A_job_that_needs_a_big_gpu_waits_for_one_and_leaves_the_cpu_slots_to_others()
    {
        var state = With(Job("big", requirement: new DeviceRequirement("cuda", 40_000)), Job("small"));
        Assert.Equal("small", state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0)).JobId);
        Assert.Empty(state.RequestWork(new RequestWork(Cuda(0, 24_000)), T0).Leases());
        Assert.Equal("big", state.RequestWork(new RequestWork(Cuda(1, 80_000)), T0).LeaseFor(Cuda(1, 80_000)).JobId);
    }

    [Fact]
    public void Cancelling_a_running_job_stops_it_and_its_device_gets_other_work()
    {
        var state = With(Job("a"), Job("b"), Job("c", dependsOn: ["a"]));
        state.RequestWork(new RequestWork(Cpu(0)), T0);
        var cancel = state.Cancel(["a"], "cancelled by user", T0);
        Assert.Contains(cancel.Messages, message => message.Message is CancelJob { JobId: "a" });
        Assert.Contains(cancel.Writes, write => write is JobCancelledWrite { JobId: "a" });
        Assert.Contains(cancel.Writes, write => write is JobFailedWrite { JobId: "c" });
        var finished = state.Finished(new JobFinished("a", 1, Cpu(0), "cancelled", "cancelled", false, null, true), T0);
        Assert.Equal("b", finished.LeaseFor(Cpu(0)).JobId);
        Assert.Equal(JobState.Cancelled, state.StateOf("a"));
    }

    [Fact]
    public void Cancelling_a_sweep_keeps_the_jobs_another_sweep_still_wants()
    {
        var state = With(Job("shared", "A"), Job("onlyA", "A"));
        state.Enqueue([Job("shared", "B")], new Dictionary<string, JobState>(), T0);
        var output = state.CancelSweep("A", "cancelled by user", T0);
        Assert.Contains(output.Writes, write => write is SweepCancelledWrite { SweepId: "A" });
        Assert.Equal(JobState.Cancelled, state.StateOf("onlyA"));
        Assert.Equal(JobState.Pending, state.StateOf("shared"));
    }

    [Fact]
    public void Cancelling_a_sweep_cancels_dependent_jobs_too_instead_of_failing_them()
    {
        var state = With(Job("lp"), Job("lpft", dependsOn: ["lp"]));
        state.RequestWork(new RequestWork(Cpu(0)), T0);
        var output = state.CancelSweep("s1", "interrupted", T0);
        Assert.Empty(output.Writes.OfType<JobFailedWrite>());
        Assert.Equal(2, output.Writes.OfType<JobCancelledWrite>().Count());
        Assert.Equal(JobState.Cancelled, state.StateOf("lpft"));
        Assert.DoesNotContain(output.Changes, change => change.State == JobState.Failed);
    }

    [Fact]
    public void Raising_a_sweeps_priority_moves_its_queued_jobs_ahead()
    {
        var state = With(Job("a1", "A"), Job("b1", "B"));
        state.SetPriority("B", 10, T0);
        Assert.Equal("b1", state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0)).JobId);
    }

    [Fact]
    public void After_a_restart_a_running_job_keeps_its_lease_for_one_period_and_its_node_can_report_back()
    {
        var state = new DispatchState(Settings);
        state.Enqueue([Job("a", state: JobState.Running, node: "n1", device: "cpu:0", attempt: 3), Job("b")], new Dictionary<string, JobState>(), T0);
        Assert.Equal(JobState.Running, state.StateOf("a"));
        var beat = state.Heartbeat(new JobHeartbeat("a", 3, Cpu(0, "n1"), null, false), T0.AddSeconds(10));
        Assert.Empty(beat.Messages);
        var done = state.Finished(new JobFinished("a", 3, Cpu(0, "n1"), "succeeded", null, false, "{}", false), T0.AddSeconds(11));
        Assert.IsType<JobSucceededWrite>(Assert.Single(done.Writes));

        var silent = new DispatchState(Settings);
        silent.Enqueue([Job("c", state: JobState.Leased, node: "n9", device: "cpu:0", attempt: 1)], new Dictionary<string, JobState>(), T0);
        Assert.Contains(silent.Tick(T0.AddSeconds(31)).Writes, write => write is JobRequeuedWrite { JobId: "c" });
    }

    [Fact]
    public void Submitting_a_job_again_while_it_runs_does_not_lease_it_twice()
    {
        var state = With(Job("a"));
        state.RequestWork(new RequestWork(Cpu(0)), T0);
        state.Enqueue([Job("a", "other")], new Dictionary<string, JobState>(), T0);
        Assert.Empty(state.RequestWork(new RequestWork(Cpu(1)), T0).Leases());
    }
}
