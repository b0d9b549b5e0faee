using static TorchSharp.torch;

namespace Daft.GpuNode.Devices;

/// <summary>
/// libtorch's intra-op thread count is process-wide. Code that needs another count for a while (a small LP sweep
/// runs faster on one thread) takes it with <see cref="Use"/> and gets the previous count back on dispose, so a
/// job or an in-process command never leaves the process on the wrong count.
/// </summary>
public static class TorchThreads
{
    /// <summary>Sets the thread count to <paramref name="threads"/> until the returned handle is disposed.</summary>
    public static IDisposable Use(int threads)
    {
        var previous = get_num_threads();
        set_num_threads(threads);
        return new Restore(previous);
    }

    sealed class Restore(int previous) : IDisposable
    {
        public void Dispose() => set_num_threads(previous);
    }
}
