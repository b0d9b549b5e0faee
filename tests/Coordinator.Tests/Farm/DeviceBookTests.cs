using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Jobs;
using Daft.Shared.Farm;
using static Daft.Coordinator.Tests.Farm.DispatchFixtures;

namespace Daft.Coordinator.Tests.Farm;

/// <summary>The dispatcher's record of the live cluster's devices (<c>daft nodes</c>), kept by <see cref="DispatchState"/>.</summary>
public sealed class DeviceBookTests
{
    [Fact]
    public void A_device_joins_when_it_asks_and_is_busy_from_its_lease_to_the_end_of_the_attempt()
    {
        var state = With(Job("a"), Job("b"));
        Assert.Empty(state.Devices(T0));
        var lease = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));

        var busy = Assert.Single(state.Devices(T0.AddSeconds(10)));
        Assert.Equal(("busy", "a", 1, T0), (busy.State, busy.JobId, busy.Attempt, busy.BusySince));
        Assert.Equal(T0, busy.JoinedAt);
        Assert.Equal(TimeSpan.FromSeconds(10), busy.BusyTime);
        Assert.Equal(1.0, busy.Utilisation(T0.AddSeconds(10)));

        // a succeeds at 30 s; b is leased at once (the device asked for more); b ends at 40 s and nothing is left.
        state.Succeed(lease, Cpu(0), T0.AddSeconds(30));
        var next = Assert.Single(state.Devices(T0.AddSeconds(30)));
        Assert.Equal(("busy", "b", T0.AddSeconds(30)), (next.State, next.JobId, next.BusySince));
        state.Started(new JobStarted("b", 1, Cpu(0)), T0.AddSeconds(30));
        state.Finished(new JobFinished("b", 1, Cpu(0), "failed", "boom", false, null, WantsMore: true), T0.AddSeconds(40));

        var idle = Assert.Single(state.Devices(T0.AddSeconds(80)));
        Assert.Equal(("idle", (string?)null, (DateTimeOffset?)null), (idle.State, idle.JobId, idle.BusySince));
        Assert.Equal(TimeSpan.FromSeconds(40), idle.BusyTime);
        Assert.Equal((1, 1, 2), (idle.Succeeded, idle.Failed, idle.JobsDone));
        Assert.Equal(0.5, idle.Utilisation(T0.AddSeconds(80)), 9);
    }

    [Fact]
    public void Lost_leases_and_cancelled_jobs_count_as_interrupted_and_stop_the_busy_clock()
    {
        var state = With(Job("a"), Job("b", "s2"));
        var lease = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        state.Started(new JobStarted(lease.JobId, lease.Attempt, Cpu(0)), T0);
        state.Tick(T0.AddSeconds(31)); // no heartbeat for the 30 s lease: back to the queue
        var afterExpiry = Assert.Single(state.Devices(T0.AddSeconds(31)));
        Assert.Equal((1, 0), (afterExpiry.Interrupted, afterExpiry.JobsDone));
        Assert.Equal(TimeSpan.FromSeconds(31), afterExpiry.BusyTime);

        var again = state.RequestWork(new RequestWork(Cpu(0), lease.JobId, lease.Attempt), T0.AddSeconds(40)).LeaseFor(Cpu(0));
        state.Cancel([again.JobId], "by the user", T0.AddSeconds(45));
        var afterCancel = Assert.Single(state.Devices(T0.AddSeconds(50)));
        Assert.Equal(2, afterCancel.Interrupted);
        Assert.Equal(TimeSpan.FromSeconds(36), afterCancel.BusyTime);
    }

    [Fact]
    public void A_draining_device_says_so_until_it_asks_again_and_a_node_that_leaves_takes_its_devices_along()
    {
        var state = With(Job("a"), Job("b"), Job("c"));
        var onFirst = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        state.RequestWork(new RequestWork(Cpu(0, node: "n2")), T0);
        state.Started(new JobStarted(onFirst.JobId, onFirst.Attempt, Cpu(0)), T0);
        state.Released(new JobReleased(onFirst.JobId, onFirst.Attempt, Cpu(0), "the node is shutting down"), T0.AddSeconds(5));

        var devices = state.Devices(T0.AddSeconds(5));
        Assert.Equal(["n1/cpu:0", "n2/cpu:0"], devices.Select(device => device.Device.ToString()));
        Assert.Equal(["draining", "busy"], devices.Select(device => device.State));

        state.RequestWork(new RequestWork(Cpu(0)), T0.AddSeconds(6));
        Assert.Equal("busy", state.Devices(T0.AddSeconds(6))[0].State);

        state.NodeLost("n1", "node n1 left the cluster", T0.AddSeconds(7));
        Assert.Equal("n2/cpu:0", Assert.Single(state.Devices(T0.AddSeconds(7))).Device.ToString());
    }

    [Fact]
    public void After_a_restart_a_lease_from_the_ledger_shows_its_device_busy_and_the_device_brings_its_kind_when_it_reports()
    {
        var state = With(Job("a", state: JobState.Running, node: "n1", device: "cpu:0", attempt: 2));
        var rebuilt = Assert.Single(state.Devices(T0));
        Assert.Equal(("busy", "a", 2, ""), (rebuilt.State, rebuilt.JobId, rebuilt.Attempt, rebuilt.Device.Kind));

        state.Heartbeat(new JobHeartbeat("a", 2, Cpu(0), null, false), T0.AddSeconds(1));
        Assert.Equal("cpu", Assert.Single(state.Devices(T0.AddSeconds(1))).Device.Kind);
    }

    [Fact]
    public void Jobs_that_end_are_counted_by_how_they_ended_and_retries_are_not_ends()
    {
        var state = With(Job("ok"), Job("flaky", maxAttempts: 2), Job("child", dependsOn: ["flaky"]), Job("dropped"));
        var first = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        state.Succeed(first, Cpu(0), T0, wantsMore: false);
        var flaky = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        state.Fail(flaky, Cpu(0), T0, retryable: true, wantsMore: false);
        Assert.False(state.Ended.ContainsKey(JobState.Failed));
        var retry = state.RequestWork(new RequestWork(Cpu(0)), T0).LeaseFor(Cpu(0));
        Assert.Equal("flaky", retry.JobId);
        state.Fail(retry, Cpu(0), T0, retryable: true, wantsMore: false); // used up; its dependent fails with it
        state.Cancel(["dropped"], "by the user", T0);

        Assert.Equal(1, state.Ended[JobState.Succeeded]);
        Assert.Equal(2, state.Ended[JobState.Failed]);
        Assert.Equal(1, state.Ended[JobState.Cancelled]);
        var device = Assert.Single(state.Devices(T0));
        Assert.Equal((1, 2), (device.Succeeded, device.Failed));
    }
}
