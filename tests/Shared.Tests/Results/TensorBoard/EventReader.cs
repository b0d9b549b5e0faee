using System.Buffers.Binary;
using System.Text;

namespace Daft.Shared.Tests.Results.TensorBoard;

/// <summary>A decoded event: wall time, step, file version, and the summary's (tag, simple_value) pairs.</summary>
internal sealed record DecodedEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Values);

/// <summary>
/// An event-file reader written for the tests only, independent of the writer: TFRecord framing with both CRCs checked
/// by a bit-at-a-time CRC-32C (no table), and a generic protobuf field walk that knows the four wire types.
/// </summary>
internal static class EventReader
{
    public static IReadOnlyList<DecodedEvent> Read(byte[] file)
    {
        var events = new List<DecodedEvent>();
        var at = 0;
        while (at < file.Length)
        {
            var header = file.AsSpan(at, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.Equal(MaskedCrc(header), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8, 4)));
            var data = file.AsSpan(at + 12, length);
            Assert.Equal(MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + length, 4)));
            events.Add(Event(data.ToArray()));
            at += 12 + length + 4;
        }

        Assert.Equal(file.Length, at);
        return events;
    }

    private static DecodedEvent Event(byte[] data)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null;
        var values = new List<(string, float)>();
        foreach (var (field, value) in Fields(data))
        {
            switch (field)
            {
                case 1: wallTime = BitConverter.Int64BitsToDouble((long)(ulong)value); break;
                case 2: step = (long)(ulong)value; break;
                case 3: version = Encoding.UTF8.GetString((byte[])value); break;
                case 5:
                    foreach (var (summaryField, entry) in Fields((byte[])value))
                    {
                        Assert.Equal(1, summaryField);
                        string? tag = null;
                        float? simple = null;
                        foreach (var (valueField, content) in Fields((byte[])entry))
                        {
                            if (valueField == 1)
                            {
                                tag = Encoding.UTF8.GetString((byte[])content);
                            }
                            else if (valueField == 2)
                            {
                                simple = BitConverter.Int32BitsToSingle((int)(ulong)content);
                            }
                        }

                        values.Add((tag!, simple!.Value));
                    }

                    break;
                default: throw new InvalidDataException($"unexpected event field {field}");
            }
        }

        return new DecodedEvent(wallTime, step, version, values);
    }

    /// <summary>Every (field number, value) of a message: varints and fixed values as ulong, byte strings as byte[].</summary>
    private static IEnumerable<(int Field, object Value)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0: yield return (field, Varint(message, ref at)); break;
                case 1: yield return (field, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at, 8))); at += 8; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    yield return (field, message[at..(at + length)]);
                    at += length;
                    break;
                case 5: yield return (field, (ulong)BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at, 4))); at += 4; break;
                default: throw new InvalidDataException($"wire type {key & 7}");
            }
        }
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = bytes[at++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }

    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
            }
        }

        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }
}
