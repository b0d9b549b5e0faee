using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Daft.Datasets.Formats;

/// <summary>The header of a <c>.npy</c> file: the dtype string as numpy writes it, the shape, where the data starts.</summary>
/// <param name="Descr">numpy's dtype string, e.g. <c>|u1</c>, <c>&lt;i8</c>, <c>&lt;f4</c>.</param>
/// <param name="Shape">The array's shape (C order).</param>
/// <param name="DataStart">Byte offset of the first data byte.</param>
public sealed record NpyHeader(string Descr, long[] Shape, int DataStart)
{
    /// <summary>Number of elements: the product of <see cref="Shape"/>.</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    public string ShapeText => $"({string.Join(", ", Shape)}{(Shape.Length == 1 ? "," : "")})";
}

/// <summary>
/// The NumPy <c>.npy</c> container (numpy.lib.format, versions 1.0, 2.0 and 3.0, C order): the magic
/// <c>\x93NUMPY</c>, major and minor version bytes, the header length (uint16 for 1.0, uint32 for 2.0/3.0), an ASCII
/// Python dict literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, padded with spaces and a newline so
/// the data starts on a 64-byte boundary, then the raw data. Typed reading lives with the callers (tensors in the
/// GpuNode); this is the part that needs no tensor library.
/// </summary>
public static partial class NpyFormat
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The header of the file at <paramref name="path"/>, reading only its first bytes.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var file = File.OpenRead(path);
        var prefix = new byte[Math.Min(file.Length, 64 * 1024)];
        file.ReadExactly(prefix);
        return ReadHeader(path, prefix);
    }

    /// <summary>Parses the header at the start of <paramref name="bytes"/>; <paramref name="path"/> names the file in errors.</summary>
    public static NpyHeader ReadHeader(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a .npy file: it does not start with the \\x93NUMPY magic.");
        var major = bytes[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
                headerStart = 10;
                break;
            case 2 or 3 when bytes.Length >= 12:
                headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
                headerStart = 12;
                break;
            default:
                throw new InvalidDataException($"'{path}': .npy format version {major}.{bytes[7]} is not supported (1.0, 2.0, 3.0 are).");
        }
        if (headerStart + headerLength > bytes.Length)
            throw new InvalidDataException($"'{path}' is truncated: its header claims {headerLength} bytes, the file has {bytes.Length - headerStart} after the preamble.");
        var header = (major == 3 ? Encoding.UTF8 : Encoding.ASCII).GetString(bytes.Slice(headerStart, headerLength));

        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new InvalidDataException($"'{path}': cannot read the .npy header {header.Trim()} (expected 'descr', 'fortran_order' and 'shape').");
        if (fortran.Groups[1].Value == "True")
            throw new InvalidDataException($"'{path}' is stored in Fortran (column-major) order; save it C-ordered (np.ascontiguousarray) first.");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture))
            .ToArray();
        return new NpyHeader(descr.Groups[1].Value, dims, headerStart + headerLength);
    }

    /// <summary>Writes a C-order <c>.npy</c> file of raw little-endian <paramref name="data"/> (version 1.0 when
    /// the header fits, else 2.0), creating the folder.</summary>
    public static void Write(string path, string descr, IReadOnlyList<long> shape, ReadOnlySpan<byte> data)
    {
        var shapeText = shape.Count switch
        {
            0 => "()",
            1 => $"({shape[0]},)",
            _ => $"({string.Join(", ", shape)})",
        };
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Version 1.0 stores the header length in 2 bytes; longer headers need 2.0. Pad so data starts at 64*k.
        var version = dict.Length + 1 + 10 <= ushort.MaxValue ? 1 : 2;
        var prefix = version == 1 ? 10 : 12;
        var padded = dict.PadRight((prefix + dict.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        file.Write(Magic);
        file.WriteByte((byte)version);
        file.WriteByte(0);
        Span<byte> length = stackalloc byte[4];
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
            file.Write(length[..2]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)padded.Length);
            file.Write(length);
        }
        file.Write(Encoding.ASCII.GetBytes(padded));
        file.Write(data);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
