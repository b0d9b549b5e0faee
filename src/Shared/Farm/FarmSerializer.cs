using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Daft.Shared.Farm;

/// <summary>The messages that cross the network between nodes and the coordinator (<see cref="FarmSerializer"/> carries them).</summary>
public interface IFarmMessage;

/// <summary>
/// Serializes the work-pulling protocol with System.Text.Json, the type named by a short manifest. Akka's default
/// (Newtonsoft with type names) was the largest cost per job in the farm's no-op benchmark; these are small flat
/// records, so a plain JSON body is enough and is readable in a packet capture.
/// </summary>
public sealed class FarmSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(RequestWork), typeof(WorkLease), typeof(JobStarted), typeof(JobHeartbeat), typeof(JobFinished),
        typeof(JobFinishedAck), typeof(JobReleased), typeof(CancelJob), typeof(DeviceDescriptor),
    }.ToDictionary(type => type.Name, StringComparer.Ordinal);

    /// <summary>HOCON that binds <see cref="IFarmMessage"/> to this serializer (every member adds it).</summary>
    public const string Hocon = """
        akka.actor.serializers.daft-farm = "Daft.Shared.Farm.FarmSerializer, Daft.Shared"
        akka.actor.serialization-bindings { "Daft.Shared.Farm.IFarmMessage, Daft.Shared" = daft-farm }
        akka.actor.serialization-identifiers { "Daft.Shared.Farm.FarmSerializer, Daft.Shared" = 4711 }
        """;

    public override int Identifier => 4711;

    public override string Manifest(object o) => o.GetType().Name;

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType());

    public override object FromBinary(byte[] bytes, string manifest) =>
        Types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type) ?? throw new SerializationException($"empty {manifest}")
            : throw new SerializationException($"unknown farm message type '{manifest}'");
}
