using Daft.Datasets.Images;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Images;

/// <summary>Decoded image files as tensors (the decoding itself is <see cref="ImageDecoder"/>'s).</summary>
public static class ImageTensors
{
    /// <summary>uint8 <c>[H, W, 3]</c> RGB from the image file at <paramref name="path"/>.</summary>
    public static Tensor Decode(string path)
    {
        var image = ImageDecoder.DecodeRgb(path);
        return tensor(image.Data, [image.Height, image.Width, 3]);
    }
}
