using Daft.Datasets.Files;
using Daft.Datasets.Images;
using Daft.Shared.Datasets;

namespace Daft.GpuNode.Data.Images;

/// <summary>An image folder read into memory, with the class names in label order.</summary>
public sealed record ImageFolderSet(ImageSet Images, IReadOnlyList<string> Classes) : IDisposable
{
    public void Dispose() => Images.Dispose();
}

/// <summary>
/// Reads a torchvision-style image folder (<c>root/CLASS/**/FILE.jpg</c>; see <see cref="ImageFolderScan"/> for the
/// exact class and file order) into one <see cref="ImageSet"/> with <see cref="FileImages"/>.
/// </summary>
public static class ImageFolder
{
    /// <summary>The file extensions read, compared case-insensitively.</summary>
    public static IReadOnlyList<string> Extensions => ImageFolderScan.Extensions;

    /// <summary>
    /// Loads every image under <paramref name="root"/>. An <see cref="ImageSet"/> holds one size, so without
    /// <paramref name="resizeTo"/> all images must share one square size; with it, each is resized to
    /// <c>resizeTo × resizeTo</c> (bilinear, PIL's, antialiased when shrinking).
    /// </summary>
    public static ImageFolderSet Load(string root, string setName, int? resizeTo = null)
    {
        if (resizeTo is <= 0)
            throw new ArgumentOutOfRangeException(nameof(resizeTo), resizeTo, "The resize side must be positive.");
        return Load(root, setName, resizeTo is { } side ? [new ResizeSpec(side, Exact: true, Interpolation.Bilinear)] : []);
    }

    /// <summary>Loads every image under <paramref name="root"/>, running <paramref name="decode"/> on each file.</summary>
    public static ImageFolderSet Load(string root, string setName, IReadOnlyList<TransformSpec> decode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        root = Path.GetFullPath(root);
        var (classes, files) = ImageFolderScan.Scan(root);
        var split = new FileSplit(setName, [.. files.Select(f => new LabeledFile(f.Path, f.Label))], classes);
        return new ImageFolderSet(FileImages.Load(split, decode), classes);
    }
}
