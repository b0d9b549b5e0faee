using Daft.Datasets.Formats;
using static TorchSharp.torch;

namespace Daft.GpuNode.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0, C order, little-endian) as CPU
/// tensors: the way features, labels and golden fixtures move between Python and Daft without pickle.
/// </summary>
/// <remarks>The container itself (magic, header, padding) is <see cref="NpyFormat"/>.</remarks>
public static class Npy
{
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
        var header = NpyFormat.ReadHeader(path, bytes);
        if (!DTypes.TryGetValue(header.Descr, out var dtype))
            throw new InvalidDataException(
                $"'{path}' has dtype '{header.Descr}', which Daft does not read (supported: {string.Join(", ", DTypes.Keys)}).");
        var length = header.Count * ElementSize(dtype);
        if (bytes.Length - header.DataStart < length)
            throw new InvalidDataException(
                $"'{path}' is truncated: shape ({string.Join(", ", header.Shape)}) needs {length} data bytes, the file has {bytes.Length - header.DataStart}.");
        var tensor = empty(header.Shape, dtype);
        if (length > 0)
            tensor.bytes = bytes.AsSpan(header.DataStart, (int)length);
        return tensor;
    }

    /// <summary>Writes <paramref name="tensor"/> (moved to CPU, made contiguous) as a C-order .npy file.</summary>
    public static void Save(string path, Tensor tensor)
    {
        var descr = DTypes.FirstOrDefault(d => d.Value == tensor.dtype).Key
            ?? throw new ArgumentException(
                $"Cannot write '{path}': dtype {tensor.dtype} has no .npy mapping here (known: {string.Join(", ", DTypes.Values)}).",
                nameof(tensor));
        using var cpu = tensor.detach().cpu().contiguous();
        var data = new byte[cpu.NumberOfElements * cpu.ElementSize];
        if (data.Length > 0)
            cpu.bytes.CopyTo(data);
        NpyFormat.Write(path, descr, tensor.shape, data);
    }

    static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        _ => 1,
    };
}
