namespace Daft.GpuNode.Tests.Probing;

/// <summary>
/// Tests that change libtorch's process-wide thread count run in this collection, alone: other tests' CPU results
/// are bit-reproducible only at the thread count TestSetup fixes.
/// </summary>
[CollectionDefinition(nameof(ThreadCountChanges), DisableParallelization = true)]
public sealed class ThreadCountChanges;
