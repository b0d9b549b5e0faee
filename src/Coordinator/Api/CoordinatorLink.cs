using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Daft.Coordinator.Farm.Actors;
using Daft.Coordinator.Farm.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Daft.Coordinator.Api;

/// <summary>
/// The API's way into the coordinator it runs beside: the sweep region (start and cancel a sweep at once rather than at
/// the intake's next look at the ledger), the dispatcher (the live devices) and the cluster membership (readiness).
/// Everything durable goes through the ledger first; these messages only make the coordinator act sooner.
/// </summary>
public sealed class CoordinatorLink(ActorSystem system, IActorRef sweeps, IActorRef dispatcher)
{
    /// <summary>How long the API waits for an actor's answer before it says the coordinator is busy.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The link of a coordinator built by <see cref="CoordinatorHost.Build"/>.</summary>
    public static CoordinatorLink Of(IServiceProvider services)
    {
        var registry = services.GetRequiredService<IActorRegistry>();
        return new CoordinatorLink(services.GetRequiredService<ActorSystem>(), registry.Get<SweepRegionKey>(), registry.Get<DispatcherKey>());
    }

    /// <summary>This coordinator's membership state: "up" once it has joined its cluster.</summary>
    public string MemberStatus => Cluster.Get(system).SelfMember.Status.ToString().ToLowerInvariant();

    public bool IsUp => Cluster.Get(system).SelfMember.Status == Akka.Cluster.MemberStatus.Up;

    /// <summary>Hands a submitted sweep to its entity, which queues its jobs; false when it did not answer in time (the intake then starts it).</summary>
    public async Task<bool> StartSweepAsync(string sweepId, CancellationToken cancellation)
    {
        try
        {
            await sweeps.Ask<SweepStatus>(new StartSweep(sweepId), AskTimeout, cancellation);
            return true;
        }
        catch (Exception error) when (error is AskTimeoutException or TaskCanceledException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Tells the sweep's entity to stop its jobs now (the ledger already says the sweep is cancelled).</summary>
    public void CancelSweep(string sweepId, string reason) => sweeps.Tell(new CancelSweep(sweepId, reason));

    /// <summary>The dispatcher's view of the devices.</summary>
    /// <exception cref="AskTimeoutException">The dispatcher did not answer in time (not started yet, or moving).</exception>
    public Task<FarmDevices> DevicesAsync(CancellationToken cancellation) => dispatcher.Ask<FarmDevices>(new GetFarmDevices(), AskTimeout, cancellation);
}
