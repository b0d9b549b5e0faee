using System.Runtime.ExceptionServices;
using Daft.Datasets.Images;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Images;

/// <summary>An image folder read into memory, with the class names in label order.</summary>
public sealed record ImageFolderSet(ImageSet Images, IReadOnlyList<string> Classes) : IDisposable
{
    public void Dispose() => Images.Dispose();
}

/// <summary>
/// Reads a torchvision-style image folder (<c>root/CLASS/**/FILE.jpg</c>; see <see cref="ImageFolderScan"/> for the
/// exact class and file order) into one <see cref="ImageSet"/>. Files are decoded in parallel; the output order is
/// the scan order whatever the thread timing.
/// </summary>
public static class ImageFolder
{
    /// <summary>The file extensions read, compared case-insensitively.</summary>
    public static IReadOnlyList<string> Extensions => ImageFolderScan.Extensions;

    /// <summary>How many mismatched files a size error lists.</summary>
    const int MismatchesShown = 5;

    /// <summary>
    /// Loads every image under <paramref name="root"/>. An <see cref="ImageSet"/> holds one size, so without
    /// <paramref name="resizeTo"/> all images must share the first one's size; with it, each is resized to
    /// <c>resizeTo × resizeTo</c> (see <see cref="ImageResize"/>: Skia's high-quality filter, not PIL parity).
    /// </summary>
    public static ImageFolderSet Load(string root, string setName, int? resizeTo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (resizeTo is <= 0)
            throw new ArgumentOutOfRangeException(nameof(resizeTo), resizeTo, "The resize side must be positive.");
        root = Path.GetFullPath(root);
        var (classes, files) = ImageFolderScan.Scan(root);
        var decoded = DecodeAll(files.Select(f => f.Path).ToList(), resizeTo);
        RequireOneSize(root, files, decoded);

        var (width, height) = (decoded[0].Width, decoded[0].Height);
        var imageBytes = width * height * 3;
        var images = empty([files.Count, height, width, 3], ScalarType.Byte);
        var span = images.bytes;
        for (var i = 0; i < decoded.Length; i++)
            decoded[i].Data.CopyTo(span.Slice(i * imageBytes, imageBytes));
        var labels = tensor(files.Select(f => (long)f.Label).ToArray());
        return new ImageFolderSet(new ImageSet(setName, images, labels, classes.Count), classes);
    }

    /// <summary>Decodes in parallel into fixed slots; rethrows the error of the first failing file in scan order.</summary>
    static RgbPixels[] DecodeAll(List<string> paths, int? resizeTo)
    {
        var decoded = new RgbPixels[paths.Count];
        var errors = new Exception?[paths.Count];
        Parallel.For(0, paths.Count, i =>
        {
            try
            {
                decoded[i] = ImageDecoder.DecodeRgb(paths[i], resizeTo);
            }
            catch (Exception error)
            {
                errors[i] = error;
            }
        });
        var first = errors.FirstOrDefault(e => e is not null);
        if (first is not null)
            ExceptionDispatchInfo.Throw(first);
        return decoded;
    }

    static void RequireOneSize(string root, IReadOnlyList<(string Path, int Label)> files, RgbPixels[] decoded)
    {
        var (width, height) = (decoded[0].Width, decoded[0].Height);
        var mismatched = Enumerable.Range(0, decoded.Length)
            .Where(i => decoded[i].Width != width || decoded[i].Height != height).ToList();
        if (mismatched.Count == 0)
            return;
        var shown = mismatched.Take(MismatchesShown).Select(i => $"'{files[i].Path}' is {decoded[i].Width}x{decoded[i].Height}");
        throw new InvalidDataException(
            $"Images under '{root}' differ in size: the first, '{files[0].Path}', is {width}x{height} (width x height), but "
            + $"{mismatched.Count} are not ({string.Join("; ", shown)}{(mismatched.Count > MismatchesShown ? "; ..." : "")}). "
            + "Pass a resize side to load them at one size.");
    }
}
