using Daft.Datasets.Breeds;
using Daft.Datasets.DomainNet;
using Daft.Datasets.Fmow;
using Daft.GpuNode.Data.Images;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// Reads one split of a dataset file (<see cref="SplitSource"/>: a reader and its options, paths relative to the
/// data root) into an <see cref="ImageSet"/> with the dataset's class count, then applies the options every reader
/// shares (<c>invert</c>). Each reader here implements one entry of <see cref="ReaderSchemas.All"/>.
/// </summary>
public static class SplitReader
{
    static readonly Dictionary<string, Func<Split, string, int, ImageSet>> Readers = new(StringComparer.Ordinal)
    {
        ["cifar10_binary"] = (s, root, _) => Cifar10Binary.ReadSplit(s.Name, At(root, s), s.Required("split")),
        ["cifar10_1"] = (s, root, _) => Cifar10Point1.Load(At(root, s), s.Required("version"), s.Name),
        ["cifar10_c"] = (s, root, _) => Cifar10C.Load(At(root, s), s.Required("corruption"), (int)s.Long("severity")!.Value, s.Name),
        ["stl10"] = (s, root, _) => Stl10.Load(At(root, s), s.Required("split"), s.Required("labels") == "cifar10", s.Name),
        ["idx"] = (s, root, _) => Idx.LoadSplit(At(root, s), s.Required("split"), s.Name),
        ["npy"] = (s, root, classes) => NpySplit(At(root, s), s.Required("split"), s.Name, classes),
        ["digits_csv"] = (s, root, _) => Digits.LoadSplit(root, s.Required("path"), s.Required("split"), s.Name),
        ["image_folder"] = (s, root, _) => ImageFolder.Load(At(root, s), s.Name, s.Decode).Images,
        ["domainnet"] = (s, root, _) => FileImages.Load(DomainNetDataset.Load(root, s.Required("domains"), s.Required("split"),
            s.Required("version") == "full" ? DomainNetVersion.Full : DomainNetVersion.Sentry, s.Name), s.Decode),
        ["breeds"] = (s, root, _) => FileImages.Load(BreedsImageNet.List(root, BreedsBenchmarks.Parse(s.Required("benchmark")),
            s.Required("domain") == "source" ? BreedsDomain.Source : BreedsDomain.Target,
            s.Required("split") == "train" ? ImageNetSplit.Train : ImageNetSplit.Val), s.Decode, s.Name),
        ["fmow"] = (s, root, _) => FileImages.Load(FmowDataset.Load(root, s.Required("split"),
            s.List("regions")?.Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToList(), s.Name), s.Decode),
    };

    /// <summary>The reader names implemented here (a test checks they match <see cref="ReaderSchemas.All"/>).</summary>
    public static IReadOnlyCollection<string> Names => Readers.Keys;

    /// <summary>A split's source with its decode steps scaled to the job's image size.</summary>
    sealed record Split(SplitSource Source, IReadOnlyList<TransformSpec> Decode)
    {
        public string Name => Source.Name;

        public string Required(string key) => Source.Required(key);

        public long? Long(string key) => Source.Long(key);

        public IReadOnlyList<string>? List(string key) => Source.List(key);
    }

    /// <summary>Reads <paramref name="source"/> from under <paramref name="dataRoot"/> and checks its class count;
    /// decode steps are scaled by <paramref name="scale"/> (a job's image size over the dataset's).</summary>
    public static ImageSet Read(SplitSource source, string dataRoot, int numClasses, double scale = 1)
    {
        if (!Readers.TryGetValue(source.Reader, out var read))
            throw new ArgumentException($"Split '{source.Name}' names reader '{source.Reader}', which this daft-node does not have "
                + $"(it has {string.Join(", ", Readers.Keys.Order(StringComparer.Ordinal))}).");
        var decode = scale == 1 ? source.Decode : [.. source.Decode.Select(d => d.Scaled(scale))];
        var set = read(new Split(source, decode), dataRoot, numClasses);
        if (set.NumClasses != numClasses)
        {
            var found = set.NumClasses;
            set.Dispose();
            throw new InvalidDataException($"Split '{source.Name}' ({source.Reader}) has {found} classes; the dataset says {numClasses}.");
        }
        return source.Long(ReaderSchemas.Resize) is null && source.Long(ReaderSchemas.Pad) is null && source.Bool(ReaderSchemas.Invert) is not true
            ? set
            : Reframed(set, source);
    }

    /// <summary>The <see cref="ReaderSchemas.Common"/> options: resize, then pad, then invert.</summary>
    static ImageSet Reframed(ImageSet set, SplitSource source)
    {
        using (set)
        using (var scope = NewDisposeScope())
        {
            var pixels = set.Images.permute(0, 3, 1, 2).to_type(ScalarType.Float32);
            if (source.Long(ReaderSchemas.Resize) is { } size)
                pixels = BatchTransforms.Resize(pixels, (int)size);
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

    static string At(string dataRoot, Split source) => Path.GetFullPath(Path.Combine(dataRoot, source.Required("path")));

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
