using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Daft.Coordinator.Farm.Actors;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Daft.Coordinator.Farm.Hosting;

/// <summary>Registry keys of the coordinator's actors.</summary>
public sealed class DispatcherKey;

/// <summary>Registry key of the sweep shard region.</summary>
public sealed class SweepRegionKey;

/// <summary>
/// Builds the coordinator: a cluster member with role <c>coordinator</c> hosting the dispatcher singleton and the sweep
/// shard region over the ledger. Used by <c>daft serve</c> and, on loopback, by <c>daft run</c>.
/// </summary>
public static class CoordinatorHost
{
    /// <summary>
    /// The coordinator's host. <c>log</c>: where Akka's log and the host's (Microsoft.Extensions.Logging: the generic
    /// host, an API hosted in it) go, at that logger's level. <c>intake</c>: how often to look for sweeps submitted
    /// straight to the ledger (<see cref="SweepIntake"/>); null = never (local mode submits its sweep itself).
    /// </summary>
    public static IHost Build(FarmEndpoint endpoint, IJobLedger ledger, DispatchSettings settings, Serilog.ILogger log, TimeSpan? intake = null)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(log);
        builder.Services.AddAkka(FarmEndpoint.SystemName, akka =>
        {
            akka.WithFarmCluster(endpoint, FarmCluster.CoordinatorRole, log)
                .WithShardRegion<SweepRegionKey>(FarmCluster.SweepTypeName,
                    (system, registry, _) => sweepId => SweepActor.Props(sweepId, ledger, registry.Get<DispatcherKey>()),
                    new SweepMessageExtractor(),
                    new ShardOptions { Role = FarmCluster.CoordinatorRole, StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.DData, RememberEntities = false })
                .WithSingleton<DispatcherKey>(FarmCluster.DispatcherName,
                    (system, registry, _) => DispatcherActor.Props(ledger, settings, registry.Get<SweepRegionKey>()),
                    new ClusterSingletonOptions { Role = FarmCluster.CoordinatorRole },
                    createProxyToo: true)
                .WithActors((system, registry) =>
                {
                    if (intake is { } interval)
                    {
                        system.ActorOf(SweepIntake.Props(ledger, registry.Get<SweepRegionKey>(), registry.Get<DispatcherKey>(), interval), "sweep-intake");
                    }
                });
        });
        return builder.Build();
    }

    /// <summary>The coordinator's own cluster address once started ("akka.tcp://daft@127.0.0.1:4053").</summary>
    public static string SelfAddress(this IHost host) =>
        Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
}
