using Daft.GpuNode.Native;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Native;

public class LibTorchSharpLoaderTests
{
    [Fact]
    public void TorchSharp_loads_and_runs_a_tensor_op()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var product = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Loaded_library_no_longer_has_a_hard_GLIBCXX_3_4_32_requirement()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"expected {path}");
        Assert.Equal("already patched", LibTorchSharpLoader.Patch(path));
    }

    [Fact]
    public void Patch_is_a_no_op_on_a_file_without_the_requirement()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, new byte[128]);
        Assert.Equal("no GLIBCXX_3.4.32 requirement", LibTorchSharpLoader.Patch(path));
        Assert.Equal(new byte[128], File.ReadAllBytes(path));
        File.Delete(path);
    }
}
