using Daft.GpuNode.Data.Images;
using Daft.GpuNode.IO;

namespace Daft.GpuNode.Tests.Data.Images;

/// <summary>
/// The decoder against torchvision's loader, <c>PIL.Image.open(f).convert('RGB')</c> (PIL 9.4): fixtures from
/// tools/fixtures/make_image_fixtures.py hold crops of a real photograph in each format and PIL's decode of them.
/// </summary>
public class PilParityTests
{
    [Theory]
    [InlineData("jpeg_420_q75")]
    [InlineData("jpeg_444_q95")]
    [InlineData("jpeg_gray")]
    [InlineData("png_palette")]
    [InlineData("png_rgba")]
    [InlineData("bmp_rgb")]
    [InlineData("webp_lossy")]
    public void Decodes_bit_identical_to_pil_convert_rgb(string name)
    {
        var fixtures = Path.Combine(TestSetup.Fixtures, "images");
        using var encoded = Npy.Load(Path.Combine(fixtures, name + ".file.npy"));
        using var pil = Npy.Load(Path.Combine(fixtures, name + ".pil.npy"));
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, encoded.bytes.ToArray());

        using var decoded = ImageTensors.Decode(path);

        Assert.Equal(pil.shape, decoded.shape);
        var differing = decoded.bytes.ToArray().Zip(pil.bytes.ToArray()).Count(p => p.First != p.Second);
        Assert.True(differing == 0, $"{name}: {differing} of {pil.numel()} bytes differ from PIL's decode.");
    }
}
