using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// Makes the next batches on a background thread while the consumer trains on the current one. Batches come out
/// in the order the source makes them, so a training run sees exactly the stream it would see without prefetch.
/// The consumer owns each batch it is handed (compose with <see cref="BatchOwnership.DisposeEach"/>); batches made
/// but not handed over when the consumer stops early are disposed here.
/// </summary>
public static class Prefetch
{
    /// <summary>Environment variable that overrides <see cref="AheadWhereItHelps"/>: <c>DAFT_PREFETCH=1</c> always
    /// prefetches, <c>DAFT_PREFETCH=0</c> never (for benchmarks comparing the two, and as an escape hatch).</summary>
    public const string EnvironmentVariable = "DAFT_PREFETCH";

    /// <summary>
    /// Whether <see cref="AheadWhereItHelps"/> prefetches for a model on <paramref name="device"/>: by default only
    /// on an accelerator. On a CPU the producer's ops share the cores the training step uses, so there is no idle
    /// device to hide them behind; measured on 2 cores it cost about 9% of training throughput (BENCHMARKS.md §3).
    /// </summary>
    public static bool Helps(Device device) => Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim() switch
    {
        "0" => false,
        "1" => true,
        _ => device.type != DeviceType.CPU,
    };

    /// <summary>
    /// Enumerates <paramref name="batches"/> on a background thread, at most <paramref name="depth"/> batches ahead
    /// of the consumer. An exception from the source reaches the consumer after the batches made before it.
    /// Stopping early (break, disposing the enumerator, <paramref name="ct"/>) stops the source and disposes what
    /// it made but did not hand over; cancellation surfaces as <see cref="OperationCanceledException"/>.
    /// The source runs outside any dispose scope, so its batches must be detached (as <see cref="BatchLoader"/>'s are).
    /// Its ops use libtorch's shared intra-op pool (each new thread adopts the process-wide count set for the job).
    /// </summary>
    public static IEnumerable<(Tensor Images, Tensor Labels)> Ahead(this IEnumerable<(Tensor Images, Tensor Labels)> batches,
        int depth = 2, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        return Run(batches, depth, ct);
    }

    /// <summary><see cref="Ahead"/> with the default depth where <see cref="Helps"/> says so for the model's
    /// <paramref name="device"/>; else <paramref name="batches"/> unchanged.</summary>
    public static IEnumerable<(Tensor Images, Tensor Labels)> AheadWhereItHelps(
        this IEnumerable<(Tensor Images, Tensor Labels)> batches, Device device, CancellationToken ct = default) =>
        Helps(device) ? batches.Ahead(ct: ct) : batches;

    static IEnumerable<(Tensor Images, Tensor Labels)> Run(IEnumerable<(Tensor Images, Tensor Labels)> batches,
        int depth, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var queue = new BlockingCollection<(Tensor Images, Tensor Labels)>(depth);
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                foreach (var batch in batches)
                {
                    try
                    {
                        queue.Add(batch, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        DisposeBatch(batch);
                        return;
                    }
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "daft-prefetch" };
        producer.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(ct))
                yield return batch;
            producer.Join();
            if (failure is not null)
                ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Join();
            while (queue.TryTake(out var pending))
                DisposeBatch(pending);
        }
    }

    static void DisposeBatch((Tensor Images, Tensor Labels) batch)
    {
        batch.Images.Dispose();
        batch.Labels.Dispose();
    }
}
