namespace Daft.Shared.Datasets;

/// <summary>The 15 benchmark corruptions of CIFAR-10-C (Hendrycks and Dietterich 2019), in the paper's order; the
/// archive's 4 extra "validation" corruptions are not part of the benchmark.</summary>
public static class Cifar10CCorruptions
{
    public static readonly IReadOnlyList<string> All =
    [
        "gaussian_noise", "shot_noise", "impulse_noise",
        "defocus_blur", "glass_blur", "motion_blur", "zoom_blur",
        "snow", "frost", "fog", "brightness",
        "contrast", "elastic_transform", "pixelate", "jpeg_compression",
    ];
}
