using System.Runtime.CompilerServices;
using Daft.GpuNode.Native;

namespace Daft.GpuNode.Tests;

static class TestSetup
{
    /// <summary>Patches libLibTorchSharp.so in the test output folder before any test touches TorchSharp.</summary>
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Init()
    {
        LibTorchSharpLoader.EnsurePatched();
        // Fixed thread count: CPU results are bit-reproducible only at a fixed count.
        TorchSharp.torch.set_num_threads(2);
    }
#pragma warning restore CA2255

    /// <summary>Folder of checked-in golden fixtures (copied next to the test assembly).</summary>
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");
}
