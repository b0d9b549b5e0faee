using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using static TorchSharp.torch;

namespace Daft.GpuNode.Weights;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
/// header length, a JSON header mapping names to dtype/shape/data_offsets, then the raw little-endian data.
/// No pickle, so loading a file never runs code.
/// </summary>
public static class SafeTensors
{
    static readonly Dictionary<string, ScalarType> DTypes = new()
    {
        ["F64"] = ScalarType.Float64,
        ["F32"] = ScalarType.Float32,
        ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64,
        ["I32"] = ScalarType.Int32,
        ["I16"] = ScalarType.Int16,
        ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte,
        ["BOOL"] = ScalarType.Bool,
    };

    /// <summary>Loads every tensor of the file onto the CPU, in file order, with the file's metadata.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) LoadWithMetadata(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No safetensors file at '{Path.GetFullPath(path)}'.", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
            throw new InvalidDataException($"'{path}' is not a safetensors file: it has {bytes.Length} bytes.");
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        if (headerLength <= 0 || 8 + headerLength > bytes.Length)
            throw new InvalidDataException($"'{path}' is not a safetensors file: header length {headerLength} does not fit in {bytes.Length} bytes.");
        var dataStart = 8 + (int)headerLength;
        using var header = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, 8, (int)headerLength));
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                foreach (var m in entry.Value.EnumerateObject())
                    metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            var dtypeName = entry.Value.GetProperty("dtype").GetString() ?? "";
            if (!DTypes.TryGetValue(dtypeName, out var dtype))
                throw new InvalidDataException($"'{path}': tensor '{entry.Name}' has dtype '{dtypeName}', which Daft does not read (known: {string.Join(", ", DTypes.Keys)}).");
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var length = (int)(offsets[1] - offsets[0]);
            var raw = new byte[length];
            Buffer.BlockCopy(bytes, dataStart + (int)offsets[0], raw, 0, length);
            var tensor = empty(shape, dtype);
            if (length > 0)
                tensor.bytes = raw;
            tensors[entry.Name] = tensor;
        }
        return (tensors, metadata);
    }

    /// <summary>Loads every tensor of the file onto the CPU.</summary>
    public static Dictionary<string, Tensor> Load(string path) => LoadWithMetadata(path).Tensors;

    /// <summary>Writes the tensors (moved to CPU, made contiguous) in name order, with optional string metadata.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        var blobs = new List<byte[]>(names.Count);
        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata)
                    json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                var blob = ToBytes(tensors[name]);
                blobs.Add(blob);
                json.WriteStartObject(name);
                json.WriteString("dtype", DTypes.First(d => d.Value == tensors[name].dtype).Key);
                json.WriteStartArray("shape");
                foreach (var d in tensors[name].shape)
                    json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + blob.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += blob.Length;
            }
            json.WriteEndObject();
        }
        // Pad the header with spaces to a multiple of 8 so the data section is aligned, as the reference writer does.
        var header = headerStream.ToArray().ToList();
        while (header.Count % 8 != 0)
            header.Add((byte)' ');
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, header.Count);
            file.Write(length);
            file.Write(CollectionsMarshal.AsSpan(header));
            foreach (var blob in blobs)
                file.Write(blob);
        }
        File.Move(temp, path, overwrite: true);
    }

    static byte[] ToBytes(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        var bytes = new byte[cpu.NumberOfElements * cpu.ElementSize];
        if (bytes.Length > 0)
            cpu.bytes.CopyTo(bytes);
        return bytes;
    }
}
