using System.Runtime.ExceptionServices;
using Daft.Datasets.Files;
using Daft.Datasets.Images;
using Daft.GpuNode.Data.Transforms;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Images;

/// <summary>
/// Decodes a file-based split (<see cref="FileSplit"/>: DomainNet, BREEDS, fMoW, image folders) into one
/// <see cref="ImageSet"/>. Files are decoded in parallel (SkiaSharp, as PIL's <c>convert('RGB')</c>), each then goes
/// through the split's <c>decode</c> steps (PIL-style resize, center crop; <see cref="Resampling"/>) and lands in
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
                decoded[i] = decode.Count == 0 ? image : Apply(image, decode);
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

    /// <summary>The decode steps on one image, on the 0..255 scale, back to RGB bytes. No dispose scope: scopes belong
    /// to a thread, and this runs on the thread pool.</summary>
    static RgbPixels Apply(RgbPixels image, IReadOnlyList<TransformSpec> steps)
    {
        using var hwc = tensor(image.Data, [image.Height, image.Width, 3]);
        using var chw = hwc.permute(2, 0, 1);
        using var nchw = chw.unsqueeze(0);
        var x = nchw.to_type(ScalarType.Float32);
        foreach (var step in steps)
        {
            var next = step switch
            {
                ResizeSpec resize => Resize(x, resize),
                CenterCropSpec crop => CenterCrop(x, crop.Size),
                _ => throw new NotSupportedException($"{step} cannot run at decode time."),
            };
            x.Dispose();
            x = next;
        }
        using (x)
        using (var squeezed = x.squeeze(0))
        using (var hwcOut = squeezed.permute(1, 2, 0))
        using (var bytes = hwcOut.to_type(ScalarType.Byte))
        using (var packed = bytes.contiguous())
            return new RgbPixels((int)packed.shape[1], (int)packed.shape[0], packed.data<byte>().ToArray());
    }

    static Tensor Resize(Tensor x, ResizeSpec resize)
    {
        var (height, width) = Resampling.Target((int)x.shape[2], (int)x.shape[3], resize.Size, resize.Exact);
        return Resampling.Resize(x, height, width, resize.Interpolation);
    }

    static Tensor CenterCrop(Tensor x, int size)
    {
        var (height, width) = ((int)x.shape[2], (int)x.shape[3]);
        if (size > height || size > width)
            throw new InvalidDataException($"center_crop {size} does not fit a {width}x{height} image; resize it first.");
        var box = CropBoxes.Center(height, width, size);
        using var rows = x.narrow(2, box.Top, box.Height);
        using var cut = rows.narrow(3, box.Left, box.Width);
        return cut.contiguous();
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
