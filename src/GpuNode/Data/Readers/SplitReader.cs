using Daft.Datasets.Breeds;
using Daft.Datasets.DomainNet;
using Daft.Datasets.Fmow;
using Daft.GpuNode.Data.Images;
using Daft.GpuNode.Data.Transforms;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// Reads one split of a dataset file (<see cref="SplitSource"/>: a reader and its options, paths relative to the
/// data root) into an <see cref="ImageSet"/> with the dataset's class count, then applies the options every reader
/// shares (<c>limit</c>, <c>resize</c>, <c>pad</c>, <c>invert</c>). Each reader here implements one entry of <see cref="ReaderSchemas.All"/>.
/// </summary>
public static class SplitReader
{
    static readonly Dictionary<string, Func<SplitSource, string, int, SplitFiles, ImageSet>> Readers = new(StringComparer.Ordinal)
    {
        ["cifar10_binary"] = (s, root, _, _) => Cifar10Binary.ReadSplit(s.Name, At(root, s), s.Required("split")),
        ["cifar10_1"] = (s, root, _, _) => Cifar10Point1.Load(At(root, s), s.Required("version"), s.Name),
        ["cifar10_c"] = (s, root, _, _) => Cifar10C.Load(At(root, s), s.Required("corruption"), (int)s.Long("severity")!.Value, s.Name),
        ["stl10"] = (s, root, _, _) => Stl10.Load(At(root, s), s.Required("split"), s.Required("labels") == "cifar10", s.Name),
        ["idx"] = (s, root, _, _) => Idx.LoadSplit(At(root, s), s.Required("split"), s.Name),
        ["npy"] = (s, root, classes, _) => NpySplit(At(root, s), s.Required("split"), s.Name, classes),
        ["digits_csv"] = (s, root, _, _) => Digits.LoadSplit(root, s.Required("path"), s.Required("split"), s.Name),
        ["image_folder"] = (s, root, _, _) => ImageFolder.Load(At(root, s), s.Name, s.Decode).Images,
        ["domainnet"] = (s, root, _, _) => FileImages.Load(DomainNetDataset.Load(root, s.Required("domains"), s.Required("split"),
            s.Required("version") == "full" ? DomainNetVersion.Full : DomainNetVersion.Sentry, s.Name), s.Decode),
        ["breeds"] = (s, root, _, files) =>
        {
            var benchmark = BreedsBenchmarks.Parse(s.Required("benchmark"));
            var split = files.Get($"breeds:{benchmark}", () => BreedsBenchmarks.Make(benchmark, root));
            return FileImages.Load(BreedsImageNet.List(root, split, s.Required("domain") == "source" ? BreedsDomain.Source : BreedsDomain.Target,
                s.Required("split") == "train" ? ImageNetSplit.Train : ImageNetSplit.Val, s.Name), s.Decode);
        },
        ["fmow"] = (s, root, _, files) => FileImages.Load(FmowDataset.Split(files.Get("fmow", () => FmowMetadata.Load(FmowLayout.Root(root))),
            s.Required("split"), s.List("regions")?.Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToList(), s.Name),
            s.Decode),
    };

    /// <summary>The reader names implemented here (a test checks they match <see cref="ReaderSchemas.All"/>).</summary>
    public static IReadOnlyCollection<string> Names => Readers.Keys;

    /// <summary>Reads <paramref name="source"/> from under <paramref name="dataRoot"/> and checks its class count;
    /// decode steps are scaled by <paramref name="scale"/> (a job's image size over the dataset's).</summary>
    public static ImageSet Read(SplitSource source, string dataRoot, int numClasses, double scale = 1) =>
        Read(source, dataRoot, numClasses, scale, new SplitFiles());

    /// <summary>As above, sharing <paramref name="files"/> (what several splits of one dataset read: fMoW's
    /// metadata, a BREEDS split) with the other splits of the same load.</summary>
    internal static ImageSet Read(SplitSource source, string dataRoot, int numClasses, double scale, SplitFiles files)
    {
        if (!Readers.TryGetValue(source.Reader, out var read))
            throw new ArgumentException($"Split '{source.Name}' names reader '{source.Reader}', which this daft-node does not have "
                + $"(it has {string.Join(", ", Readers.Keys.Order(StringComparer.Ordinal))}).");
        var scaled = source;
        if (scale != 1 && source.Decode.Count > 0)
        {
            var options = source.Options.ToDictionary(StringComparer.Ordinal);
            options["decode"] = source.Decode.Select(d => d.Scaled(scale)).ToList();
            scaled = source with { Options = options };
        }
        var set = read(scaled, dataRoot, numClasses, files);
        if (set.NumClasses != numClasses)
        {
            var found = set.NumClasses;
            set.Dispose();
            throw new InvalidDataException($"Split '{source.Name}' ({source.Reader}) has {found} classes; the dataset says {numClasses}.");
        }
        if (source.Long(ReaderSchemas.Limit) is { } limit && limit < set.Count)
            set = Limited(set, (int)limit);
        return source.Long(ReaderSchemas.Resize) is null && source.Long(ReaderSchemas.Pad) is null && source.Bool(ReaderSchemas.Invert) is not true
            ? set
            : Reframed(set, source);
    }

    /// <summary>The first <paramref name="count"/> images in the reader's order (<c>limit</c>): a smaller split that
    /// is the same on every machine, as the files' order is.</summary>
    static ImageSet Limited(ImageSet set, int count)
    {
        using (set)
        {
            using var imagesView = set.Images.narrow(0, 0, count);
            using var labelsView = set.Labels.narrow(0, 0, count);
            return new ImageSet(set.Name, imagesView.clone(), labelsView.clone(), set.NumClasses);
        }
    }

    /// <summary>The <see cref="ReaderSchemas.Common"/> options after <c>limit</c>: resize, then pad, then invert.</summary>
    static ImageSet Reframed(ImageSet set, SplitSource source)
    {
        using (set)
        using (var scope = NewDisposeScope())
        {
            var pixels = set.Images.permute(0, 3, 1, 2).to_type(ScalarType.Float32);
            if (source.Long(ReaderSchemas.Resize) is { } size)
                pixels = Resampling.Resize(pixels, (int)size, (int)size, Interpolation.Bilinear);
            if (source.Long(ReaderSchemas.Pad) is { } pad and > 0)
                pixels = nn.functional.pad(pixels, [pad, pad, pad, pad]);
            if (source.Bool(ReaderSchemas.Invert) is true)
                pixels = pixels.neg().add_(255);
            var images = pixels.to_type(ScalarType.Byte).permute(0, 2, 3, 1).contiguous();
            var labels = set.Labels.clone();
            scope.MoveToOuter(images, labels);
            return new ImageSet(set.Name, images, labels, set.NumClasses);
        }
    }

    static string At(string dataRoot, SplitSource source) => Path.GetFullPath(Path.Combine(dataRoot, source.Required("path")));

    /// <summary><c>SPLIT_images.npy</c> and <c>SPLIT_labels.npy</c> in <paramref name="folder"/>.</summary>
    static ImageSet NpySplit(string folder, string split, string setName, int numClasses)
    {
        var imagesPath = Path.Combine(folder, $"{split}_images.npy");
        var labelsPath = Path.Combine(folder, $"{split}_labels.npy");
        NpyImages.RequireFiles($"Split '{setName}'", "The npy reader needs SPLIT_images.npy and SPLIT_labels.npy side by side.", imagesPath, labelsPath);
        var images = NpyImages.LoadImages(imagesPath, side: null);
        Tensor labels;
        try
        {
            labels = NpyImages.LoadLabels(labelsPath, images.shape[0], imagesPath, setName, numClasses);
        }
        catch
        {
            images.Dispose();
            throw;
        }
        return new ImageSet(setName, images, labels, numClasses);
    }
}
