using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Daft.GpuNode.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0, C order, little-endian) as CPU
/// tensors: the way features, labels and golden fixtures move between Python and Daft without pickle.
/// </summary>
/// <remarks>
/// Layout (numpy.lib.format): the magic <c>\x93NUMPY</c>, major and minor version bytes, the header length
/// (uint16 for 1.0, uint32 for 2.0/3.0), an ASCII Python dict literal with <c>descr</c>, <c>fortran_order</c> and
/// <c>shape</c>, padded with spaces and a newline so the data starts on a 64-byte boundary, then the raw data.
/// </remarks>
public static partial class Npy
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    static readonly Dictionary<string, ScalarType> DTypes = new()
    {
        ["<f4"] = ScalarType.Float32,
        ["<f8"] = ScalarType.Float64,
        ["<i8"] = ScalarType.Int64,
        ["<i4"] = ScalarType.Int32,
        ["|u1"] = ScalarType.Byte,
        ["|b1"] = ScalarType.Bool,
    };

    /// <summary>Loads the array in <paramref name="path"/> as a CPU tensor of the matching dtype and shape.</summary>
    public static Tensor Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No .npy file at '{Path.GetFullPath(path)}'.", path);
        var bytes = File.ReadAllBytes(path);
        var (dtype, shape, dataStart) = ReadHeader(path, bytes);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var length = count * ElementSize(dtype);
        if (bytes.Length - dataStart < length)
            throw new InvalidDataException(
                $"'{path}' is truncated: shape ({string.Join(", ", shape)}) needs {length} data bytes, the file has {bytes.Length - dataStart}.");
        var tensor = empty(shape, dtype);
        if (length > 0)
            tensor.bytes = bytes.AsSpan(dataStart, (int)length);
        return tensor;
    }

    /// <summary>Writes <paramref name="tensor"/> (moved to CPU, made contiguous) as a C-order .npy file.</summary>
    public static void Save(string path, Tensor tensor)
    {
        var descr = DTypes.FirstOrDefault(d => d.Value == tensor.dtype).Key
            ?? throw new ArgumentException(
                $"Cannot write '{path}': dtype {tensor.dtype} has no .npy mapping here (known: {string.Join(", ", DTypes.Values)}).",
                nameof(tensor));
        var shape = tensor.shape.Length switch
        {
            0 => "()",
            1 => $"({tensor.shape[0]},)",
            _ => $"({string.Join(", ", tensor.shape)})",
        };
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        // Version 1.0 stores the header length in 2 bytes; longer headers need 2.0. Pad so data starts at 64*k.
        var version = dict.Length + 1 + 10 <= ushort.MaxValue ? 1 : 2;
        var prefix = version == 1 ? 10 : 12;
        var padded = dict.PadRight((prefix + dict.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";

        using var cpu = tensor.detach().cpu().contiguous();
        var data = new byte[cpu.NumberOfElements * cpu.ElementSize];
        if (data.Length > 0)
            cpu.bytes.CopyTo(data);

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

    static (ScalarType DType, long[] Shape, int DataStart) ReadHeader(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a .npy file: it does not start with the \\x93NUMPY magic.");
        var major = bytes[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
                headerStart = 10;
                break;
            case 2 or 3 when bytes.Length >= 12:
                headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
                headerStart = 12;
                break;
            default:
                throw new InvalidDataException($"'{path}': .npy format version {major}.{bytes[7]} is not supported (1.0, 2.0, 3.0 are).");
        }
        if (headerStart + headerLength > bytes.Length)
            throw new InvalidDataException($"'{path}' is truncated: its header claims {headerLength} bytes, the file has {bytes.Length - headerStart} after the preamble.");
        var header = (major == 3 ? Encoding.UTF8 : Encoding.ASCII).GetString(bytes, headerStart, headerLength);

        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new InvalidDataException($"'{path}': cannot read the .npy header {header.Trim()} (expected 'descr', 'fortran_order' and 'shape').");
        if (fortran.Groups[1].Value == "True")
            throw new InvalidDataException($"'{path}' is stored in Fortran (column-major) order; save it C-ordered (np.ascontiguousarray) first.");
        if (!DTypes.TryGetValue(descr.Groups[1].Value, out var dtype))
            throw new InvalidDataException(
                $"'{path}' has dtype '{descr.Groups[1].Value}', which Daft does not read (supported: {string.Join(", ", DTypes.Keys)}).");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture))
            .ToArray();
        return (dtype, dims, headerStart + headerLength);
    }

    static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        _ => 1,
    };

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
