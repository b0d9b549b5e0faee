using System.Text;
using Daft.GpuNode.IO;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.IO;

public sealed class NpyTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("npy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    string PathFor(string name) => Path.Combine(_folder, name);

    public static TheoryData<string> DTypes => ["f4", "f8", "i8", "i4", "u1", "b1"];

    static Tensor Sample(string dtype) => dtype switch
    {
        "f4" => tensor(new[] { 1.5f, -2.25f, float.MaxValue, 0f, 1e-30f, -0f }).reshape(2, 3),
        "f8" => tensor(new[] { Math.PI, -1e300, 0.1, 2, 3, 4 }).reshape(3, 2),
        "i8" => tensor(new[] { long.MinValue, -1L, 0L, long.MaxValue }),
        "i4" => tensor(new[] { int.MinValue, 7, int.MaxValue, 0, 1, 2, 3, 4 }).reshape(2, 2, 2),
        "u1" => tensor(new byte[] { 0, 16, 255 }).reshape(3, 1),
        _ => tensor(new[] { true, false, true }),
    };

    [Theory]
    [MemberData(nameof(DTypes))]
    public void Round_trip_keeps_dtype_shape_and_values(string dtype)
    {
        using var original = Sample(dtype);
        Npy.Save(PathFor($"{dtype}.npy"), original);

        using var loaded = Npy.Load(PathFor($"{dtype}.npy"));

        Assert.Equal(original.dtype, loaded.dtype);
        Assert.Equal(original.shape, loaded.shape);
        Assert.True(original.eq(loaded).all().item<bool>());
    }

    [Fact]
    public void Scalars_and_empty_arrays_round_trip()
    {
        Npy.Save(PathFor("scalar.npy"), tensor(3.5));
        Npy.Save(PathFor("empty.npy"), zeros(0, 4, ScalarType.Float32));

        using var scalar = Npy.Load(PathFor("scalar.npy"));
        using var empty = Npy.Load(PathFor("empty.npy"));

        Assert.Empty(scalar.shape);
        Assert.Equal(3.5, scalar.item<double>());
        Assert.Equal([0L, 4L], empty.shape);
    }

    [Fact]
    public void Written_files_follow_numpys_layout()
    {
        Npy.Save(PathFor("a.npy"), zeros(2, 3, ScalarType.Float32));
        var bytes = File.ReadAllBytes(PathFor("a.npy"));
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);

        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        Assert.Equal(1, bytes[6]);
        Assert.Equal(0, (10 + headerLength) % 64); // data aligned as numpy aligns it
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 24, bytes.Length);
    }

    [Fact]
    public void Reads_files_numpy_wrote()
    {
        // Written by tools/fixtures/make_probe_fixtures.py: uint8 pixel counts and float32 ReLU features.
        using var digits = Npy.Load(Path.Combine(TestSetup.Fixtures, "probe", "digits", "x_train.npy"));
        using var labels = Npy.Load(Path.Combine(TestSetup.Fixtures, "probe", "digits", "y_train.npy"));
        using var clusters = Npy.Load(Path.Combine(TestSetup.Fixtures, "probe", "clusters", "x_val.npy"));

        Assert.Equal(ScalarType.Byte, digits.dtype);
        Assert.Equal([1000L, 64L], digits.shape);
        Assert.Equal(16, digits.max().item<byte>());
        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(45, labels.unique().Item1.sum().item<long>()); // classes 0..9
        Assert.Equal(ScalarType.Float32, clusters.dtype);
        Assert.Equal([600L, 128L], clusters.shape);
        Assert.True(clusters.min().item<float>() >= 0);
    }

    [Fact]
    public void Reads_version_2_headers()
    {
        var header = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }".PadRight(51) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([2, 0]);
        bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        foreach (var v in new[] { 5, -6, 7 })
            bytes.AddRange(BitConverter.GetBytes(v));
        File.WriteAllBytes(PathFor("v2.npy"), bytes.ToArray());

        using var loaded = Npy.Load(PathFor("v2.npy"));

        Assert.Equal(new[] { 5, -6, 7 }, loaded.data<int>().ToArray());
    }

    [Fact]
    public void Fortran_order_is_refused_with_the_path()
    {
        var path = WriteRaw("fortran.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", 32);
        var error = Assert.Throws<InvalidDataException>(() => Npy.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("Fortran", error.Message);
    }

    [Fact]
    public void Unsupported_dtypes_are_named()
    {
        var path = WriteRaw("half.npy", "{'descr': '<f2', 'fortran_order': False, 'shape': (4,), }", 8);
        var error = Assert.Throws<InvalidDataException>(() => Npy.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'<f2'", error.Message);
    }

    [Fact]
    public void Truncated_data_is_reported_with_the_sizes()
    {
        var path = WriteRaw("short.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (10, 2), }", 79);
        var error = Assert.Throws<InvalidDataException>(() => Npy.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("80", error.Message);
    }

    [Fact]
    public void Other_files_and_missing_files_are_refused()
    {
        File.WriteAllText(PathFor("text.npy"), "x,y\n1,2\n");
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => Npy.Load(PathFor("text.npy"))).Message);
        Assert.Throws<FileNotFoundException>(() => Npy.Load(PathFor("absent.npy")));
    }

    [Fact]
    public void Dtypes_without_a_npy_code_are_refused_on_save()
    {
        var error = Assert.Throws<ArgumentException>(() => Npy.Save(PathFor("h.npy"), zeros(2, ScalarType.Float16)));
        Assert.Contains("Float16", error.Message);
    }

    string WriteRaw(string name, string dict, int dataBytes)
    {
        var header = dict.PadRight(((10 + dict.Length + 1 + 63) / 64 * 64) - 11) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([1, 0]);
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(new byte[dataBytes]);
        File.WriteAllBytes(PathFor(name), bytes.ToArray());
        return PathFor(name);
    }
}
