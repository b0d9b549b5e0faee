namespace Daft.GpuNode.BatchNorm;

/// <summary>What one BN conversion did: how many BatchNorm2d layers it rewrote, over how much target data, how long it took.</summary>
public sealed record BnConversionReport(int Layers, long Batches, long Images, double Seconds);
