using System.Runtime.InteropServices;
using Daft.GpuNode.Farm.Execution;
using Daft.Shared.Farm;
using Serilog;

namespace Daft.GpuNode.Farm;

/// <summary>What <c>daft-node serve</c> was asked to do.</summary>
public sealed record NodeServeOptions(
    FarmEndpoint Endpoint,
    IReadOnlyList<NodeDevice> Devices,
    string Home,
    IJobExecutor Executor,
    DeviceTimings Timings,
    DrainPolicy Drain,
    TimeSpan CoordinatorGrace,
    string Name);

/// <summary>
/// The node's life: join the cluster, serve until told to stop. When the actor system ends on its own — the node was
/// downed, or the cluster lost its coordinator (<see cref="CoordinatorWatch"/>) — a fresh one is started and joins
/// again, so a node outlives coordinator restarts without a process supervisor. SIGTERM and SIGINT stop it for good:
/// CoordinatedShutdown drains the devices (their jobs are handed back or finished) and the node leaves the cluster.
/// </summary>
public static class NodeServe
{
    /// <summary>Serves until stopped; <paramref name="log"/> is the node's logger (its own lines, Akka's, the host's).</summary>
    public static async Task<int> RunAsync(NodeServeOptions options, ILogger log, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var devices = string.Join(", ", options.Devices.Select(device => $"{device.Name} ({device.Kind}, {device.Threads} threads{(device.MemoryMb > 0 ? $", {device.MemoryMb} MiB" : "")})"));
        for (var round = 1; !stop.IsCancellationRequested; round++)
        {
            using var host = NodeHost.Build(options.Endpoint, options.Devices, options.Home, options.Executor, options.Timings, options.Drain,
                options.CoordinatorGrace, log);
            await host.StartAsync(CancellationToken.None);
            var system = host.ActorSystem();
            var self = Akka.Cluster.Cluster.Get(system).SelfAddress;
            log.Information("node {NodeName} (pid {Pid}) at {Address}: joining {Seeds} with {Devices}; jobs run {Executor} (membership {Membership})",
                options.Name, Environment.ProcessId, self.ToString(), string.Join(", ", options.Endpoint.Seeds), devices, options.Executor.Name, round);
            var stopped = Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            var ended = await Task.WhenAny(system.WhenTerminated, stopped);
            if (ended == stopped)
            {
                log.Information("stopping: draining devices and leaving the cluster");
                await host.StopAsync(CancellationToken.None);
                log.Information("stopped");
                return 0;
            }

            log.Warning("this node's cluster membership ended (downed, or the coordinator went away); joining again in {RejoinSeconds} s", 2);
            await host.StopAsync(CancellationToken.None);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop.Token);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }

        return 0;
    }
}
