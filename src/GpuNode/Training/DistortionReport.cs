using System.Text.Json.Serialization;

namespace Daft.GpuNode.Training;

/// <summary>What a state-dict tensor is, for <see cref="TensorDrift"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TensorKind>))]
public enum TensorKind
{
    /// <summary>A trainable tensor of the feature extractor (conv weights, BN γ/β, ...).</summary>
    Parameter,
    /// <summary>A BatchNorm running mean.</summary>
    RunningMean,
    /// <summary>A BatchNorm running variance.</summary>
    RunningVar,
    /// <summary>Another floating-point buffer of the feature extractor.</summary>
    Buffer,
    /// <summary>A parameter of the head (<c>fc.*</c>).</summary>
    Head,
}

/// <summary>
/// How far one state-dict tensor moved from the reference net: ‖θ₀‖, ‖θ‖, ‖θ−θ₀‖ (Frobenius) and
/// ‖θ−θ₀‖/‖θ₀‖ (null where θ₀ is all zeros, e.g. DAFT's zero head).
/// </summary>
public sealed record TensorDrift(string Name, TensorKind Kind, double InitialNorm, double CurrentNorm, double AbsoluteChange, double? RelativeChange);

/// <summary>
/// Per-sample penultimate-feature drift f (current) vs f₀ (reference) in eval mode (daft-spec §7; the paper's
/// Figure 1): cosine similarity, raw dot product, L2 distance ‖f−f₀‖ (mean and population std over samples),
/// the mean norm ratio ‖f‖/‖f₀‖ and the mean norms.
/// </summary>
public sealed record FeatureDrift(
    long Samples,
    double CosineMean, double CosineStd,
    double DotMean, double DotStd,
    double DistanceMean, double DistanceStd,
    double NormRatioMean, double InitialNormMean, double CurrentNormMean);

/// <summary>
/// Feature distortion between the reference net (after head setup and BN conversion, before training) and the net
/// at the chosen epoch. <see cref="FeatureExtractorRelativeChange"/> = ‖Δθ‖/‖θ₀‖ over all feature-extractor
/// parameters together (buffers excluded; null if they are all zero).
/// </summary>
public sealed record DistortionReport(
    double? FeatureExtractorRelativeChange,
    double FeatureExtractorAbsoluteChange,
    IReadOnlyList<TensorDrift> Tensors,
    FeatureDrift Features);
