namespace Daft.Shared.Datasets;

/// <summary>Pixel interpolation of a resize, as torchvision's <c>InterpolationMode</c> names it.</summary>
public enum Interpolation
{
    Bilinear,
    Bicubic,
    Nearest,
}

/// <summary>
/// One step of a dataset's train or eval transform list, the torchvision transform of the same name (daft-spec
/// §2.4). Sizes are in pixels at the dataset's <see cref="DatasetConfig.ImageSize"/>; a job with another
/// <c>image_size</c> scales every size by the same factor (see <see cref="Scaled"/>).
/// </summary>
public abstract record TransformSpec
{
    /// <summary>Whether the step draws random numbers (a crop position, a coin): such steps run per batch.</summary>
    public abstract bool IsRandom { get; }

    /// <summary>The step with every size multiplied by <paramref name="factor"/> and rounded (at least 1 pixel).</summary>
    public abstract TransformSpec Scaled(double factor);

    protected static int Scale(int size, double factor) => Math.Max(1, (int)Math.Round(size * factor, MidpointRounding.AwayFromZero));
}

/// <summary><c>Resize(size)</c>: the shorter side to <see cref="Size"/> (aspect kept) or, with <see cref="Exact"/>,
/// <c>Resize([size, size])</c>: both sides.</summary>
public sealed record ResizeSpec(int Size, bool Exact, Interpolation Interpolation) : TransformSpec
{
    public override bool IsRandom => false;

    /// <summary>The output of an image of <paramref name="height"/> × <paramref name="width"/>: the shorter side
    /// becomes <see cref="Size"/> and the other keeps the aspect ratio, truncated as torchvision 0.14 does
    /// (<c>int(size * long / short)</c>); <see cref="Exact"/> makes both <see cref="Size"/>.</summary>
    public (int Height, int Width) Output(int height, int width)
    {
        if (Exact || height == width)
        {
            return (Size, Size);
        }

        return height < width ? (Size, (int)((long)Size * width / height)) : ((int)((long)Size * height / width), Size);
    }

    public override TransformSpec Scaled(double factor) => this with { Size = Scale(Size, factor) };
}

/// <summary><c>CenterCrop(size)</c>.</summary>
public sealed record CenterCropSpec(int Size) : TransformSpec
{
    public override bool IsRandom => false;

    /// <summary>Top row and left column of the crop, as torchvision 0.14's <c>center_crop</c>:
    /// <c>int(round((h - size) / 2.0))</c> with Python's round (half to even).</summary>
    public (int Top, int Left) Offset(int height, int width) =>
        ((int)Math.Round((height - Size) / 2.0, MidpointRounding.ToEven), (int)Math.Round((width - Size) / 2.0, MidpointRounding.ToEven));

    public override TransformSpec Scaled(double factor) => this with { Size = Scale(Size, factor) };
}

/// <summary><c>RandomCrop(size, padding)</c>: a random <see cref="Size"/>² window after zero padding.</summary>
public sealed record RandomCropSpec(int Size, int Padding) : TransformSpec
{
    public override bool IsRandom => true;

    public override TransformSpec Scaled(double factor) => this with { Size = Scale(Size, factor), Padding = (int)Math.Round(Padding * factor) };
}

/// <summary><c>RandomResizedCrop(size, scale, ratio)</c>: a random area fraction and aspect ratio (10 tries, then
/// the central crop, as torchvision does), resized to <see cref="Size"/>².</summary>
public sealed record RandomResizedCropSpec(int Size, double ScaleMin, double ScaleMax, double RatioMin, double RatioMax,
    Interpolation Interpolation) : TransformSpec
{
    public override bool IsRandom => true;

    public override TransformSpec Scaled(double factor) => this with { Size = Scale(Size, factor) };
}

/// <summary><c>RandomHorizontalFlip(p)</c>.</summary>
public sealed record HorizontalFlipSpec(double P) : TransformSpec
{
    public override bool IsRandom => true;

    public override TransformSpec Scaled(double factor) => this;
}
