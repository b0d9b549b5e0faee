using System.Threading.Channels;
using Akka.Actor;
using Daft.Coordinator.Farm.Actors;

namespace Daft.Coordinator.Farm.Local;

/// <summary>A local actor that passes a sweep's <see cref="SweepStatus"/> updates to a channel the CLI reads.</summary>
public sealed class SweepWatcher : ReceiveActor
{
    public SweepWatcher(ChannelWriter<SweepStatus> updates)
    {
        Receive<SweepStatus>(status => updates.TryWrite(status));
    }

    public static Props Props(ChannelWriter<SweepStatus> updates) => Akka.Actor.Props.Create(() => new SweepWatcher(updates));
}
