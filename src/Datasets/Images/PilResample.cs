using Daft.Shared.Datasets;

namespace Daft.Datasets.Images;

/// <summary>
/// PIL's resize of an 8-bit RGB image, re-done step for step (Pillow 9.4, <c>libImaging/Resample.c</c>) so that
/// files resized as they are decoded get PIL's very bytes: for each output pixel, the filter (triangle for bilinear,
/// a = −0.5 cubic for bicubic) is widened by the scale when shrinking, its weights are computed in double,
/// normalised, and turned into 22-bit fixed point; the horizontal pass runs first over the rows the vertical pass
/// needs, each pass rounding half up and clamping to 0..255. Nearest takes the source pixel under each output
/// pixel's centre. torchvision's <c>Resize</c> on a PIL image is this call.
/// </summary>
public static class PilResample
{
    /// <summary>Pillow's <c>PRECISION_BITS</c>: 32 − 8 (the pixel) − 2 (headroom for the sums).</summary>
    const int PrecisionBits = 32 - 8 - 2;

    public static RgbPixels Resize(RgbPixels image, int width, int height, Interpolation interpolation)
    {
        if (width < 1 || height < 1)
            throw new ArgumentOutOfRangeException(nameof(width), $"Cannot resize to {width}x{height}.");
        if (width == image.Width && height == image.Height)
            return image;
        if (interpolation == Interpolation.Nearest)
            return Nearest(image, width, height);
        Func<double, double> filter = interpolation == Interpolation.Bicubic ? Bicubic : Bilinear;
        var support = interpolation == Interpolation.Bicubic ? 2.0 : 1.0;
        var (verticalBounds, verticalWeights, verticalTaps) = Coefficients(image.Height, height, filter, support);
        var source = image;
        if (width != image.Width)
        {
            // Only the rows the vertical pass reads, as Pillow does; its bounds shift by the first of them.
            var first = verticalBounds[0];
            var last = verticalBounds[2 * height - 2] + verticalBounds[2 * height - 1];
            for (var i = 0; i < height; i++)
                verticalBounds[2 * i] -= first;
            source = Horizontal(image, first, last - first, width, Coefficients(image.Width, width, filter, support));
        }
        return height == image.Height ? source : Vertical(source, height, (verticalBounds, verticalWeights, verticalTaps));
    }

    static double Bilinear(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        return x < 2.0 ? (((x - 5) * x + 8) * x - 4) * a : 0.0;
    }

    /// <summary>Per output position: the first input index and the tap count (<c>bounds</c>, interleaved), and the
    /// fixed-point weights, <c>taps</c> per position.</summary>
    static (int[] Bounds, int[] Weights, int Taps) Coefficients(int inSize, int outSize, Func<double, double> filter, double filterSupport)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = filterSupport * filterScale;
        var taps = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * taps];
        var k = new double[taps];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterScale;
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            var ww = 0.0;
            for (var x = 0; x < xmax; x++)
            {
                k[x] = filter((x + xmin - center + 0.5) * ss);
                ww += k[x];
            }
            for (var x = 0; x < xmax; x++)
            {
                var w = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * taps + x] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return (bounds, weights, taps);
    }

    static RgbPixels Horizontal(RgbPixels image, int firstRow, int rows, int width, (int[] Bounds, int[] Weights, int Taps) c)
    {
        var output = new byte[width * rows * 3];
        var source = image.Data.AsSpan();
        var weights = c.Weights.AsSpan();
        for (var y = 0; y < rows; y++)
        {
            var row = source.Slice((y + firstRow) * image.Width * 3, image.Width * 3);
            var target = output.AsSpan(y * width * 3, width * 3);
            for (var xx = 0; xx < width; xx++)
            {
                var (xmin, count) = (c.Bounds[2 * xx], c.Bounds[2 * xx + 1]);
                var k = weights.Slice(xx * c.Taps, count);
                var pixels = row.Slice(xmin * 3, count * 3);
                int r = 1 << (PrecisionBits - 1), g = r, b = r;
                for (var x = 0; x < k.Length; x++)
                {
                    r += pixels[3 * x] * k[x];
                    g += pixels[3 * x + 1] * k[x];
                    b += pixels[3 * x + 2] * k[x];
                }
                target[3 * xx] = Clip8(r);
                target[3 * xx + 1] = Clip8(g);
                target[3 * xx + 2] = Clip8(b);
            }
        }
        return new RgbPixels(width, rows, output);
    }

    /// <summary>Row by row: each output row accumulates whole weighted input rows (integer sums, so the order does
    /// not change a bit), which reads memory in order.</summary>
    static RgbPixels Vertical(RgbPixels image, int height, (int[] Bounds, int[] Weights, int Taps) c)
    {
        var stride = image.Width * 3;
        var output = new byte[stride * height];
        var source = image.Data.AsSpan();
        var sums = new int[stride];
        for (var yy = 0; yy < height; yy++)
        {
            var (ymin, count) = (c.Bounds[2 * yy], c.Bounds[2 * yy + 1]);
            Array.Fill(sums, 1 << (PrecisionBits - 1));
            for (var y = 0; y < count; y++)
            {
                var k = c.Weights[yy * c.Taps + y];
                var row = source.Slice((ymin + y) * stride, stride);
                for (var i = 0; i < stride; i++)
                    sums[i] += row[i] * k;
            }
            var target = output.AsSpan(yy * stride, stride);
            for (var i = 0; i < stride; i++)
                target[i] = Clip8(sums[i]);
        }
        return new RgbPixels(image.Width, height, output);
    }

    static byte Clip8(int sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    static RgbPixels Nearest(RgbPixels image, int width, int height)
    {
        var output = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Min((int)((y + 0.5) * image.Height / height), image.Height - 1);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Min((int)((x + 0.5) * image.Width / width), image.Width - 1);
                Array.Copy(image.Data, (sy * image.Width + sx) * 3, output, (y * width + x) * 3, 3);
            }
        }
        return new RgbPixels(width, height, output);
    }
}
