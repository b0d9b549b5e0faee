using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Hosting;
using Daft.Coordinator.Api;
using Daft.Coordinator.Farm.Actors;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Farm.Hosting;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;
using Daft.Shared.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Daft.Coordinator.Farm.Local;

/// <summary>
/// How <c>daft run</c> runs a sweep: <see cref="Nodes"/> <c>daft-node</c> processes, each serving <see cref="Devices"/>,
/// with <see cref="Executor"/> ("process": a child process per job; "in-process"; "noop" for overhead benchmarks).
/// </summary>
public sealed record LocalFarmOptions(string Home, int Nodes, string Devices, string Executor, DispatchSettings Dispatch, TimeSpan StableAfter, bool Interactive)
{
    /// <summary>Extra arguments for every node (tests shorten the node's heartbeat with them).</summary>
    public IReadOnlyList<string> NodeArguments { get; init; } = [];

    /// <summary>Called once the node processes are started (fault-injection tests kill them).</summary>
    public Action<LocalNodes>? OnNodesStarted { get; init; }

    /// <summary>
    /// The HTTP API beside the coordinator (<c>daft sweep status --api</c>, <c>daft nodes</c> while the sweep runs); null
    /// for none. Unlike <c>daft serve</c>, a port already taken only costs the API: the sweep runs without it.
    /// </summary>
    public ApiSettings? Api { get; init; }
}

/// <summary>
/// Local mode: the same cluster as a deployment, on 127.0.0.1 (DESIGN.md, "Local mode is a real cluster on loopback").
/// The coordinator runs in this process over the given ledger; the nodes are <c>daft-node serve</c> processes. The
/// sweep is recorded in the ledger first; when nothing of it is left to run, no cluster is started at all.
/// </summary>
public static class LocalFarm
{
    public static async Task<SweepStatus?> RunAsync(SweepPlan plan, IJobLedger ledger, LocalFarmOptions options, TextWriter output, CancellationToken cancellation)
    {
        var started = DateTimeOffset.UtcNow;
        var submitted = ledger.Submit(plan, started);
        var states = submitted.States.Values.ToList();
        var done = states.Count(state => state == JobState.Succeeded);
        output.WriteLine($"sweep {plan.Name} ({plan.SweepId}): {plan.Jobs.Length} jobs; {done} already succeeded, " +
                         $"{states.Count - done} to run ({submitted.Inserted.Count} new, {submitted.Requeued.Count} re-queued after failing or being cancelled); ledger {ledger.Description}");
        if (states.All(state => state.IsTerminal()))
        {
            return null;
        }

        var port = FreePort();
        var endpoint = new FarmEndpoint("127.0.0.1", port, null, [$"127.0.0.1:{port}"], options.StableAfter);
        // The terminal is the progress display's: the coordinator logs to its file only.
        await using var log = FarmLogging.Create(LogSettings.FromEnvironment() with { File = Path.Combine(options.Home, "logs", "coordinator.log") },
            FarmLogging.Coordinator, console: null);
        log.Information("sweep {Sweep} ({SweepId}): {Jobs} jobs; coordinator on 127.0.0.1:{Port}, {Nodes} nodes with {Devices}, executor {Executor}",
            plan.Name, plan.SweepId, plan.Jobs.Length, port, options.Nodes, options.Devices, options.Executor);
        var metrics = options.Api is null ? null : new ApiMetrics();
        var served = metrics is null ? ledger : new MeasuredLedger(ledger, metrics.LedgerWrites);
        using var host = CoordinatorHost.Build(endpoint, served, options.Dispatch, log);
        await host.StartAsync(cancellation);
        await using var api = options.Api is { } settings ? await StartApiAsync(settings, served, host.Services, metrics!, output, cancellation) : null;
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var sweeps = host.Services.GetRequiredService<IActorRegistry>().Get<SweepRegionKey>();
            var updates = Channel.CreateUnbounded<SweepStatus>(new UnboundedChannelOptions { SingleReader = true });
            var status = await sweeps.Ask<SweepStatus>(new StartSweep(plan.SweepId), TimeSpan.FromMinutes(1), cancellation);
            sweeps.Tell(new WatchSweep(plan.SweepId, system.ActorOf(SweepWatcher.Props(updates.Writer))));
            var labels = plan.Jobs.ToDictionary(job => job.Id, JobLabel.Of, StringComparer.Ordinal);
            var display = new ProgressDisplay(output, options.Interactive, labels, started);
            var launch = new NodeLaunch(options.Nodes, $"127.0.0.1:{port}", options.Devices, options.Home, options.Executor,
                options.Dispatch.Lease, options.NodeArguments);
            await using var nodes = LocalNodes.Start(launch, log, message => output.WriteLine(message));
            options.OnNodesStarted?.Invoke(nodes);
            var cancelled = false;
            Task<SweepStatus>? next = null;
            while (!status.Done)
            {
                try
                {
                    next ??= updates.Reader.ReadAsync(cancelled ? CancellationToken.None : cancellation).AsTask();
                    var first = await Task.WhenAny(next, nodes.Failed, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
                    if (first == nodes.Failed)
                    {
                        throw new InvalidOperationException(await nodes.Failed);
                    }

                    if (first != next)
                    {
                        // Nothing changed for a second: redraw, so the clock and the running jobs stay current.
                        display.Show(status with { LastChange = null });
                        continue;
                    }

                    var read = next;
                    next = null;
                    status = await read;
                }
                catch (OperationCanceledException) when (!cancelled)
                {
                    cancelled = true;
                    log.Warning("interrupted: cancelling sweep {SweepId}", plan.SweepId);
                    output.WriteLine("interrupted: cancelling the sweep (its finished jobs stay recorded; run it again to continue)");
                    sweeps.Tell(new CancelSweep(plan.SweepId, "interrupted by the user"));
                    continue;
                }

                display.Show(status);
            }

            display.Finish(status);
            return status;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<ApiServer?> StartApiAsync(ApiSettings settings, IJobLedger ledger, IServiceProvider coordinator, ApiMetrics metrics,
        TextWriter output, CancellationToken cancellation)
    {
        try
        {
            var server = await ApiServer.StartAsync(settings, ledger, CoordinatorLink.Of(coordinator), metrics, cancellation);
            output.WriteLine($"HTTP API at {server.Address}: `daft nodes --api {server.Address}` shows the devices while this runs");
            return server;
        }
        catch (IOException error)
        {
            output.WriteLine($"HTTP API not started ({settings.Address}:{settings.Port}: {error.Message}); the sweep runs without it");
            return null;
        }
    }

    /// <summary>A free TCP port on 127.0.0.1: the coordinator is its own seed, so its port must be known before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
