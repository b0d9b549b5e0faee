using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Daft.GpuNode.Farm;

/// <summary>
/// Ends this node's membership when the cluster has had no coordinator for <c>grace</c>: a coordinator that left (or
/// was downed) and comes back forms a new cluster from its own seed list, which a member of the old cluster can never
/// join. Shutting the actor system down lets <c>daft-node serve</c> start a fresh one that joins the new coordinator.
/// (Unreachable coordinators are handled by the split-brain resolver: the side without the oldest coordinator downs
/// itself, with the same effect.)
/// </summary>
public sealed class CoordinatorWatch : ReceiveActor, IWithTimers
{
    private readonly HashSet<Address> coordinators = [];
    private readonly ILoggingAdapter log = Context.GetLogger();
    private bool seenOne;

    public CoordinatorWatch(string coordinatorRole, TimeSpan grace)
    {
        Receive<ClusterEvent.MemberUp>(message =>
        {
            if (!message.Member.HasRole(coordinatorRole))
                return;
            coordinators.Add(message.Member.Address);
            seenOne = true;
            Timers.Cancel("lost");
        });
        Receive<ClusterEvent.MemberRemoved>(message =>
        {
            if (!coordinators.Remove(message.Member.Address) || coordinators.Count > 0)
                return;
            log.Warning("the coordinator {0} left the cluster; leaving too in {1:0.#} s unless another one joins", message.Member.Address, grace.TotalSeconds);
            Timers.StartSingleTimer("lost", Lost.Instance, grace);
        });
        Receive<Lost>(_ =>
        {
            if (!seenOne || coordinators.Count > 0)
                return;
            log.Warning("no coordinator left in the cluster: restarting this node's cluster membership to rejoin");
            CoordinatedShutdown.Get(Context.System).Run(CoordinatorLostReason.Instance);
        });
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string coordinatorRole, TimeSpan grace) =>
        Akka.Actor.Props.Create(() => new CoordinatorWatch(coordinatorRole, grace));

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private sealed class Lost
    {
        public static readonly Lost Instance = new();
    }
}

/// <summary>Why the node's actor system stopped: the cluster lost its coordinator; <c>serve</c> starts a new one.</summary>
public sealed class CoordinatorLostReason : CoordinatedShutdown.Reason
{
    public static readonly CoordinatorLostReason Instance = new();

    /// <summary>75 (EX_TEMPFAIL): try again; only seen if the process ends with this system.</summary>
    public override int ExitCode => 75;
}
