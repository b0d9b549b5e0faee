namespace Daft.Datasets.Images;

/// <summary>
/// Finds classes and files the way torchvision 0.14's <c>ImageFolder</c> does: every sub-folder of the root is a
/// class (hidden ones too), classes sorted ordinally and indexed by position; within a class, folders are walked
/// recursively and visited in ordinal order of their paths (Python's <c>sorted(os.walk(...))</c>), files in
/// ordinal order of their names, keeping those whose lower-cased name ends with an image extension.
/// </summary>
public static class ImageFolderScan
{
    /// <summary>The extensions read (torchvision's list less the PIL-only .ppm, .pgm, .tif and .tiff).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];

    public static (IReadOnlyList<string> Classes, IReadOnlyList<(string Path, int Label)> Files) Scan(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"No image folder at '{root}' (expected one sub-folder per class).");
        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
            throw new InvalidDataException($"'{root}' has no class folders; an image folder holds one sub-folder of images per class.");
        var files = new List<(string, int)>();
        var empty = new List<string>();
        for (var label = 0; label < classes.Count; label++)
        {
            var before = files.Count;
            var classFolder = Path.Combine(root, classes[label]);
            foreach (var folder in FoldersInWalkOrder(classFolder))
                files.AddRange(Directory.GetFiles(folder).Where(IsImage).Order(StringComparer.Ordinal).Select(f => (f, label)));
            if (files.Count == before)
                empty.Add(classes[label]);
        }
        if (empty.Count > 0)
            throw new InvalidDataException(
                $"'{root}': class folder(s) {string.Join(", ", empty.Select(c => $"'{c}'"))} hold no images; "
                + $"expected files ending in {string.Join(", ", Extensions)} (any case).");
        return (classes, files);
    }

    static bool IsImage(string path)
    {
        var name = Path.GetFileName(path);
        return Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The folder and all folders below it, ordered as Python sorts the paths <c>os.walk</c> yields.</summary>
    internal static List<string> FoldersInWalkOrder(string top)
    {
        var all = new List<string> { top };
        all.AddRange(Directory.GetDirectories(top, "*", SearchOption.AllDirectories));
        all.Sort(StringComparer.Ordinal);
        return all;
    }
}
