using System.Buffers.Binary;

namespace Daft.Shared.Results.TensorBoard;

/// <summary>
/// Writes TFRecord framing, the container of TensorBoard event files: per record the data length as a little-endian
/// uint64, the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data (both CRCs little-endian uint32).
/// </summary>
public sealed class TfRecordWriter(Stream output)
{
    /// <summary>Appends one record holding <paramref name="data"/>.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        output.Write(header);
        output.Write(data);
        output.Write(footer);
    }
}
