using Daft.Datasets.Files;

namespace Daft.Datasets.Breeds;

/// <summary>
/// The images of a BREEDS split, listed as the DAFT / LP-FT <c>Breeds</c> dataset (<c>datasets/breeds.py</c>)
/// lists them from <c>DATA_ROOT/imagenet/{train,val}/&lt;wnid&gt;/</c>: superclass by superclass in label order,
/// within one its subclasses in the library's draw order, within one subclass the files in
/// <c>sorted(os.walk)</c> order; the label is the superclass index. The loader finds a subclass's folder by its
/// class number (position in the sorted folder list); Daft finds it by wnid, which is the same folder on a full
/// ImageNet (<c>dataset_class_info.json</c> numbers the 1,000 wnids in sorted order) and still the right one where
/// other class folders are absent. The loader's count assertions are checked for every subclass, and all problems
/// are reported together.
/// </summary>
public static class BreedsImageNet
{
    /// <summary>A benchmark's split from the hierarchy and ImageNet under <paramref name="dataRoot"/>, named as
    /// the reference configs name it (see <see cref="DefaultName"/>).</summary>
    public static FileSplit List(string dataRoot, BreedsBenchmark benchmark, BreedsDomain domain, ImageNetSplit split) =>
        List(dataRoot, BreedsBenchmarks.Make(benchmark, dataRoot), domain, split, DefaultName(benchmark, domain, split));

    /// <summary>The images of <paramref name="breeds"/>' <paramref name="domain"/> in ImageNet's <paramref name="split"/>.</summary>
    public static FileSplit List(string dataRoot, BreedsSplit breeds, BreedsDomain domain, ImageNetSplit split, string name)
    {
        var folder = ImageNetClassFolders.SplitFolder(dataRoot, split);
        var survey = ImageNetClassFolders.Survey(folder, split, breeds.Superclasses.SelectMany(s => s.Subclasses(domain)));
        if (!survey.Exists)
            throw new DirectoryNotFoundException(
                $"No ImageNet {split.ToString().ToLowerInvariant()} folder at '{folder}'. BREEDS reads ILSVRC2012 as "
                + "DATA_ROOT/imagenet/{train,val}/<wnid>/*.JPEG; `daft data fetch imagenet` says how to obtain and lay it out.");
        if (!survey.IsComplete)
            throw new InvalidDataException(
                $"ImageNet cannot serve BREEDS {name} ({domain.ToString().ToLowerInvariant()} domain): "
                + string.Join("; ", survey.Problems("this split")) + ".");
        var files = breeds.Superclasses
            .SelectMany((superclass, label) => superclass.Subclasses(domain)
                .SelectMany(wnid => survey.Images(wnid).Select(path => new LabeledFile(path, label))))
            .ToList();
        return new FileSplit(name, files, [.. breeds.Superclasses.Select(s => s.Name)]);
    }

    /// <summary>The reference configs' set names: <c>train</c> and <c>id_val</c> for the source domain,
    /// <c>target_val_living</c> / <c>target_val_entity</c> for the target (and <c>target_train_*</c>, which no config uses).</summary>
    public static string DefaultName(BreedsBenchmark benchmark, BreedsDomain domain, ImageNetSplit split) =>
        (domain, split) switch
        {
            (BreedsDomain.Source, ImageNetSplit.Train) => "train",
            (BreedsDomain.Source, ImageNetSplit.Val) => "id_val",
            _ => $"target_{(split == ImageNetSplit.Train ? "train" : "val")}_{(benchmark == BreedsBenchmark.Living17 ? "living" : "entity")}",
        };
}
