using Daft.Shared.Datasets;

namespace Daft.Datasets.Images;

/// <summary>
/// A split's <c>decode</c> steps on one decoded image, byte for byte as torchvision's <c>Resize</c> and
/// <c>CenterCrop</c> do to a PIL image (<see cref="PilResample"/>, <see cref="CenterCropSpec.Offset"/>). Plain
/// managed code, so files decode and resize on the thread pool with no tensor library.
/// </summary>
public static class DecodeSteps
{
    public static RgbPixels Apply(RgbPixels image, IReadOnlyList<TransformSpec> steps)
    {
        foreach (var step in steps)
        {
            image = step switch
            {
                ResizeSpec resize => Resize(image, resize),
                CenterCropSpec crop => CenterCrop(image, crop),
                _ => throw new NotSupportedException($"{step} draws random numbers; it runs per batch, not at decode time."),
            };
        }
        return image;
    }

    static RgbPixels Resize(RgbPixels image, ResizeSpec resize)
    {
        var (height, width) = resize.Output(image.Height, image.Width);
        return PilResample.Resize(image, width, height, resize.Interpolation);
    }

    static RgbPixels CenterCrop(RgbPixels image, CenterCropSpec crop)
    {
        if (crop.Size > image.Height || crop.Size > image.Width)
            throw new InvalidDataException($"center_crop {crop.Size} does not fit a {image.Width}x{image.Height} image; resize it first.");
        var (top, left) = crop.Offset(image.Height, image.Width);
        var output = new byte[crop.Size * crop.Size * 3];
        for (var y = 0; y < crop.Size; y++)
            Array.Copy(image.Data, ((top + y) * image.Width + left) * 3, output, y * crop.Size * 3, crop.Size * 3);
        return new RgbPixels(crop.Size, crop.Size, output);
    }
}
