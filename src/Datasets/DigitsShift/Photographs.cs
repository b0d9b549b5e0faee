using Daft.Datasets.Images;

namespace Daft.Datasets.DigitsShift;

/// <summary>
/// The colour photographs MNIST-M's backgrounds are cut from. MNIST-M (Ganin et al. 2016) used BSDS500, which no
/// package of ours carries; these are the natural colour photos Debian ships with scikit-image 0.19.3
/// (<c>skimage/data/</c>, BSD-3 / CC0 / public domain per its README) and scikit-learn 1.2.1
/// (<c>sklearn/datasets/images/</c>, CC BY 2.0). Left out: greyscale images, synthetic ones (logo, color chart,
/// phantom, text), the near-duplicate second motorcycle view, and the mostly black Hubble and retina images
/// (a black background gives back MNIST itself).
/// </summary>
public static class Photographs
{
    /// <summary>Folder under the data root.</summary>
    public const string Folder = "photos";

    /// <summary>The files, in the order the builder indexes them (the order is part of MNIST-M's bytes).</summary>
    public static readonly IReadOnlyList<string> Files =
    [
        "astronaut.png", "chelsea.png", "coffee.png", "ihc.png", "motorcycle_left.png", "rocket.jpg",
        "china.jpg", "flower.jpg",
    ];

    /// <summary>Where each comes from inside its Debian package.</summary>
    public const string SkimageData = "usr/lib/python3/dist-packages/skimage/data/";
    public const string SklearnImages = "usr/lib/python3/dist-packages/sklearn/datasets/images/";

    /// <summary>Decodes every photograph under <paramref name="dataRoot"/> (in <see cref="Files"/> order).</summary>
    public static IReadOnlyList<RgbPixels> Load(string dataRoot) =>
        [.. Files.Select(f => ImageDecoder.DecodeRgb(Path.Combine(dataRoot, Folder, f)))];
}
