using System.Runtime.ExceptionServices;
using Daft.Datasets.Files;
using Daft.Datasets.Images;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Images;

/// <summary>
/// Decodes a file-based split (<see cref="FileSplit"/>: DomainNet, BREEDS, fMoW, image folders) into one
/// <see cref="ImageSet"/>. Files are decoded in parallel (SkiaSharp, as PIL's <c>convert('RGB')</c>), each then goes
/// through the split's <c>decode</c> steps (PIL's resize, center crop: <see cref="DecodeSteps"/>) and lands in
/// its slot of one uint8 tensor, so the output order is the listing order whatever the thread timing. An
/// <see cref="ImageSet"/> holds one size (and a dataset's splits are square): the decode steps must bring every
/// file to it.
/// </summary>
public static class FileImages
{
    /// <summary>How many mismatched files a size error lists.</summary>
    const int MismatchesShown = 5;

    public static ImageSet Load(FileSplit split, IReadOnlyList<TransformSpec> decode, string? setName = null)
    {
        var name = setName ?? split.Name;
        if (split.Files.Count == 0)
            throw new InvalidDataException($"Split '{name}' lists no image files.");
        if (decode.FirstOrDefault(s => s.IsRandom) is { } random)
            throw new ArgumentException($"Split '{name}': decode steps run once per file; {random} is random and belongs in the transforms.", nameof(decode));
        var decoded = DecodeAll(split.Files, decode);
        RequireOneSize(name, split.Files, decoded);
        var (width, height) = (decoded[0].Width, decoded[0].Height);
        var imageBytes = width * height * 3;
        var images = empty([split.Files.Count, height, width, 3], ScalarType.Byte);
        var span = images.bytes;
        for (var i = 0; i < decoded.Length; i++)
            decoded[i].Data.CopyTo(span.Slice(i * imageBytes, imageBytes));
        var labels = tensor(split.Files.Select(f => (long)f.Label).ToArray());
        return new ImageSet(name, images, labels, split.Classes.Count);
    }

    /// <summary>Decodes in parallel into fixed slots; rethrows the error of the first failing file in listing order.</summary>
    static RgbPixels[] DecodeAll(IReadOnlyList<LabeledFile> files, IReadOnlyList<TransformSpec> decode)
    {
        var decoded = new RgbPixels[files.Count];
        var errors = new Exception?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                var image = ImageDecoder.DecodeRgb(files[i].Path);
                decoded[i] = DecodeSteps.Apply(image, decode);
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

    static void RequireOneSize(string name, IReadOnlyList<LabeledFile> files, RgbPixels[] decoded)
    {
        var (width, height) = (decoded[0].Width, decoded[0].Height);
        var mismatched = Enumerable.Range(0, decoded.Length).Where(i => decoded[i].Width != width || decoded[i].Height != height).ToList();
        if (mismatched.Count == 0)
            return;
        var shown = mismatched.Take(MismatchesShown).Select(i => $"'{files[i].Path}' is {decoded[i].Width}x{decoded[i].Height}");
        throw new InvalidDataException(
            $"Split '{name}': images must share one size, and the first, '{files[0].Path}', is {width}x{height} "
            + $"(width x height), but {mismatched.Count} differ ({string.Join("; ", shown)}{(mismatched.Count > MismatchesShown ? "; ..." : "")}). "
            + "Give the split `decode` steps that bring every file to one size, e.g. `decode: [resize: {size: [224, 224]}]`.");
    }
}
