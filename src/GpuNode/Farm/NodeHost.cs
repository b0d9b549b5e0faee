using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Daft.GpuNode.Farm.Execution;
using Daft.Shared.Farm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Daft.GpuNode.Farm;

/// <summary>Registry key of the proxy to the coordinator's dispatcher singleton.</summary>
public sealed class DispatcherProxyKey;

/// <summary>
/// What a node does when it is told to stop (SIGTERM, as Kubernetes sends): <see cref="HandBack"/> gives running jobs
/// back to the queue at once (default), otherwise they may finish within <see cref="Timeout"/>.
/// </summary>
public sealed record DrainPolicy(bool HandBack, TimeSpan Timeout);

/// <summary>
/// Builds a GPU node: a cluster member with role <c>gpu</c>, one <see cref="DeviceActor"/> per device pulling from the
/// dispatcher through a singleton proxy, and a <see cref="CoordinatorWatch"/>. On shutdown (CoordinatedShutdown, phase
/// before-service-unbind) every device drains first, so its job is finished or handed back before the node leaves.
/// </summary>
public static class NodeHost
{
    /// <summary>The node's host; Akka's log and the host's own (Microsoft.Extensions.Logging) go to <paramref name="log"/>.</summary>
    public static IHost Build(FarmEndpoint endpoint, IReadOnlyList<NodeDevice> devices, string home, IJobExecutor executor, DeviceTimings timings,
        DrainPolicy drain, TimeSpan coordinatorGrace, Serilog.ILogger log)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(log);
        builder.Services.AddAkka(FarmEndpoint.SystemName, akka =>
        {
            akka.WithFarmCluster(endpoint, FarmCluster.GpuRole, log)
                .AddHocon($"akka.coordinated-shutdown.phases.before-service-unbind.timeout = {drain.Timeout.TotalSeconds + 5:0}s", HoconAddMode.Prepend)
                .WithSingletonProxy<DispatcherProxyKey>(FarmCluster.DispatcherName, new ClusterSingletonOptions { Role = FarmCluster.CoordinatorRole })
                .WithActors((system, registry) =>
                {
                    var dispatcher = registry.Get<DispatcherProxyKey>();
                    var node = Cluster.Get(system).SelfAddress.ToString();
                    var actors = devices.Select(device => system.ActorOf(
                        DeviceActor.Props(device, node, home, dispatcher, executor, timings),
                        "device-" + device.Name.Replace(':', '-'))).ToList();
                    system.ActorOf(CoordinatorWatch.Props(FarmCluster.CoordinatorRole, coordinatorGrace), "coordinator-watch");
                    CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "drain-devices", async () =>
                    {
                        var drained = actors.Select(actor => actor.Ask<Drained>(new Drain(drain.HandBack), drain.Timeout + TimeSpan.FromSeconds(2)));
                        try
                        {
                            await Task.WhenAll(drained);
                        }
                        catch (Exception error) when (error is AskTimeoutException or TaskCanceledException)
                        {
                            log.Warning("drain: a device did not finish within {DrainSeconds:0} s; its lease will expire", drain.Timeout.TotalSeconds);
                        }

                        return Akka.Done.Instance;
                    });
                });
        });
        return builder.Build();
    }

    /// <summary>The node's actor system (to await its termination).</summary>
    public static ActorSystem ActorSystem(this IHost host) => host.Services.GetRequiredService<ActorSystem>();
}
