using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Daft.Shared.Logging;
using Serilog;

namespace Daft.Shared.Farm;

/// <summary>
/// Where a farm member listens and whom it joins. <see cref="Host"/>/<see cref="Port"/> are the bind address (port 0 =
/// any free port); <see cref="PublicHost"/> is the name others reach it by (a pod's DNS name), default the bind host.
/// <see cref="Seeds"/> are "host:port" of the coordinators, the same list in the same order on every member.
/// <see cref="StableAfter"/>: how long the split-brain resolver waits before downing unreachable members.
/// </summary>
public sealed record FarmEndpoint(string Host, int Port, string? PublicHost, IReadOnlyList<string> Seeds, TimeSpan StableAfter)
{
    /// <summary>The actor system's name: part of every member's address, so it must be the same on all of them.</summary>
    public const string SystemName = "daft";

    /// <summary>The default port of a coordinator.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Environment variable with the seeds, comma-separated (for containers).</summary>
    public const string SeedsVariable = "DAFT_SEEDS";

    /// <summary>
    /// The seed list a member joins: <paramref name="given"/> (the <c>--seed</c> options) when there are any, else
    /// <c>$DAFT_SEEDS</c> split at commas, else <paramref name="fallback"/>.
    /// </summary>
    public static IReadOnlyList<string> SeedsFrom(string[]? given, string fallback) =>
        given is { Length: > 0 } ? given
        : Environment.GetEnvironmentVariable(SeedsVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : [fallback];

    /// <summary>The cluster address of a "host:port" seed.</summary>
    public static string SeedAddress(string hostAndPort) => $"akka.tcp://{SystemName}@{hostAndPort}";
}

/// <summary>The Akka configuration every farm member shares, in code (no HOCON files): remoting, cluster, split-brain resolver.</summary>
public static class FarmCluster
{
    public const string CoordinatorRole = "coordinator";
    public const string GpuRole = "gpu";
    public const string DispatcherName = "dispatcher";
    public const string SweepTypeName = "sweep";

    /// <summary>
    /// Remoting on <paramref name="endpoint"/>, the cluster with <paramref name="role"/>, and keep-oldest among
    /// coordinators without down-if-alone: on a partition the side with the (oldest) coordinator stays up and nodes cut
    /// off from it down themselves, then rejoin (a node restarts its actor system when that happens); a coordinator whose
    /// nodes all vanish keeps running. Signals are the hosts' business (a node drains on SIGTERM first), so Akka's own
    /// process-exit hook is off. Akka's log goes to <paramref name="log"/> (<see cref="AkkaLogging.WithSerilog"/>), at
    /// that logger's level; dead letters are not logged (quiet: the farm logs what matters itself).
    /// </summary>
    public static AkkaConfigurationBuilder WithFarmCluster(this AkkaConfigurationBuilder builder, FarmEndpoint endpoint, string role, ILogger log)
    {
        builder.WithSerilog(log);
        builder
            .AddHocon(FarmSerializer.Hocon, HoconAddMode.Prepend)
            .AddHocon($$"""
                akka.log-dead-letters = off
                akka.log-dead-letters-during-shutdown = off
                akka.cluster.split-brain-resolver.stable-after = {{endpoint.StableAfter.TotalSeconds:0.###}}s
                akka.cluster.split-brain-resolver.down-all-when-unstable = off
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                akka.cluster.run-coordinated-shutdown-when-down = on
                akka.remote.dot-netty.tcp.maximum-frame-size = 4MiB
                """, HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions
            {
                HostName = endpoint.Host,
                Port = endpoint.Port,
                PublicHostName = endpoint.PublicHost ?? endpoint.Host,
            })
            .WithClustering(new ClusterOptions
            {
                Roles = [role],
                SeedNodes = [.. endpoint.Seeds.Select(FarmEndpoint.SeedAddress)],
                SplitBrainResolver = new KeepOldestOption { DownIfAlone = false, Role = CoordinatorRole },
            });
        return builder;
    }
}
