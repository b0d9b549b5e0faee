using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Weights;

public class SafeTensorsTests
{
    [Fact]
    public void Round_trip_keeps_names_dtypes_shapes_values_and_metadata()
    {
        var path = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc.weight"] = randn(3, 4),
            ["bn1.num_batches_tracked"] = tensor(7L),
            ["empty"] = zeros(0, 5),
            ["bytes"] = tensor(new byte[] { 1, 2, 255 }),
        };
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });

        var (loaded, metadata) = SafeTensors.LoadWithMetadata(path);

        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.dtype, loaded[name].dtype);
            Assert.Equal(t.shape, loaded[name].shape);
            Assert.True(t.eq(loaded[name]).all().item<bool>(), name);
        }
        File.Delete(path);
    }

    [Fact]
    public void A_truncated_file_is_reported_not_crashed_on()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, new byte[] { 200, 0, 0, 0, 0, 0, 0, 0, 1 });
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("header length", error.Message);
        File.Delete(path);
    }
}
