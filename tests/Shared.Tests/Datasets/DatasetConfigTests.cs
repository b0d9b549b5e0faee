using Daft.Shared.Datasets;
using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Datasets;

public class DatasetConfigTests
{
    const string Source = "mine.yaml";

    const string Minimal = """
        name: mine
        classes: 3
        image_size: 32
        train: {reader: image_folder, path: mine/train}
        id_val: {reader: image_folder, path: mine/val}
        """;

    static IReadOnlyList<string> Errors(string yaml) =>
        [.. Assert.Throws<ConfigException>(() => DatasetConfigs.Parse(yaml, Source)).Errors.Select(e => e.ToString())];

    [Fact]
    public void Every_file_under_configs_datasets_is_built_in_and_parses()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs", "datasets"), "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

        Assert.Equal(files, DatasetConfigs.Names);
        foreach (var config in DatasetConfigs.Builtin)
            Assert.Equal(config.Name, Path.GetFileNameWithoutExtension(config.SourceFile));
    }

    [Fact]
    public void The_cifar10_file_says_what_the_paper_does()
    {
        var cifar = DatasetConfigs.Find("cifar10")!;

        Assert.Equal((10, 224, 20), (cifar.NumClasses, cifar.ImageSize, cifar.Epochs));
        Assert.Equal(["cifar10.1", "stl10"], cifar.Ood.Select(o => o.Name));
        Assert.Equal("v6", cifar.Ood[0].String("version"));
        Assert.Equal([new ResizeSpec(224, false, Interpolation.Bilinear), new HorizontalFlipSpec(0.5)], cifar.TrainTransforms);
        Assert.Equal([new ResizeSpec(224, false, Interpolation.Bilinear)], cifar.EvalTransforms);
        Assert.Equal(["cifar10", "cifar10.1", "stl10"], cifar.Sources);
    }

    [Fact]
    public void Names_match_with_either_separator_and_an_unknown_one_lists_the_known()
    {
        Assert.Same(DatasetConfigs.Find("digits_shift"), DatasetConfigs.Find("digits-shift"));

        var error = Assert.Throws<ArgumentException>(() => DatasetConfigs.Resolve("imagenet"));

        Assert.Contains($"Unknown dataset 'imagenet'. Known datasets: {string.Join(", ", DatasetConfigs.Names)}", error.Message);
    }

    [Fact]
    public void A_minimal_file_gets_defaults_and_reader_defaults_fill_in()
    {
        var config = DatasetConfigs.Parse(Minimal + "\nood:\n  old: {reader: cifar10_1}\n", Source);

        Assert.Equal((3, JobDefaults.Epochs, 0), (config.NumClasses, config.Epochs, config.TrainTransforms.Count));
        Assert.Equal("cifar10.1", config.Ood[0].String("path"));
        Assert.Equal("v6", config.Ood[0].String("version"));
        Assert.Equal(Source, config.SourceFile);
    }

    [Fact]
    public void Transforms_read_shorthand_options_and_exact_sizes()
    {
        var config = DatasetConfigs.Parse(Minimal + """

            transforms:
              train:
                - resize: {size: [256, 256], interpolation: bicubic}
                - random_crop: {size: 224, padding: 4}
                - random_resized_crop: {size: 224, scale: [0.5, 1.0]}
                - horizontal_flip: {p: 0.25}
              eval: [resize: 256, center_crop: 224]
            """, Source);

        Assert.Equal<TransformSpec>([
            new ResizeSpec(256, true, Interpolation.Bicubic),
            new RandomCropSpec(224, 4),
            new RandomResizedCropSpec(224, 0.5, 1.0, 0.75, 4.0 / 3.0, Interpolation.Bilinear),
            new HorizontalFlipSpec(0.25),
        ], config.TrainTransforms);
        Assert.Equal<TransformSpec>([new ResizeSpec(256, false, Interpolation.Bilinear), new CenterCropSpec(224)], config.EvalTransforms);
    }

    [Fact]
    public void Sizes_scale_with_the_image_size_and_flips_do_not_change()
    {
        Assert.Equal(new ResizeSpec(128, true, Interpolation.Bicubic), new ResizeSpec(256, true, Interpolation.Bicubic).Scaled(0.5));
        Assert.Equal(new RandomCropSpec(112, 2), new RandomCropSpec(224, 4).Scaled(0.5));
        Assert.Equal(new HorizontalFlipSpec(0.5), new HorizontalFlipSpec(0.5).Scaled(0.25));
    }

    [Fact]
    public void Every_error_has_its_line_and_the_allowed_values()
    {
        var errors = Errors("""
            name: broken
            classes: 10
            image_size: 32
            epoch: 5
            train: {reader: cifar10_binry, split: train}
            id_val: {reader: cifar10_binary, split: validation}
            ood:
              train: {reader: cifar10_1, version: v5}
              c: {reader: cifar10_c, corruption: rain, severity: 6}
            transforms:
              train: [flip, resize: {size: [224, 200]}]
            """);

        Assert.Equal([
            $"{Source}:4:1: unknown key `epoch` (did you mean `epochs`?); allowed keys of a dataset file: name, description, classes, image_size, epochs, sources, train, id_val, ood, target, transforms",
            $"{Source}:5:17: unknown reader `cifar10_binry` (did you mean `cifar10_binary`?); allowed: {string.Join(", ", ReaderSchemas.All.Select(r => r.Name))}",
            $"{Source}:6:41: unknown split `validation`; allowed: train, test",
            $"{Source}:8:3: an OOD set cannot be named `train`: that name is taken by the split of the same name",
            $"{Source}:8:39: unknown version `v5`; allowed: v4, v6, v7",
            $"{Source}:9:38: unknown corruption `rain`; allowed: {string.Join(", ", Cifar10CCorruptions.All)}",
            $"{Source}:9:54: `severity` must be at most 5, got 6",
            $"{Source}:11:11: unknown transform `flip`; allowed: resize, center_crop, random_crop, random_resized_crop, horizontal_flip",
            $"{Source}:11:32: `size` as a list must be two equal positive integers ([h, w] with h = w: Daft's images are square)",
        ], errors);
    }

    [Fact]
    public void Missing_required_keys_and_reader_options_are_named()
    {
        var errors = Errors("name: x\ntrain: {reader: idx}\n");

        Assert.Equal([
            $"{Source}:1:1: missing required key `image_size`: the side of the square images the transforms produce",
            $"{Source}:1:1: missing required key `id_val`: the ID test set: {{reader: ..., ...}}",
            $"{Source}:1:1: missing required key `classes`: the class count, or the class names in label order",
            $"{Source}:2:8: missing required key `path`: reader idx needs it",
            $"{Source}:2:8: missing required key `split`: reader idx needs it",
        ], errors);
    }

    [Fact]
    public void A_file_given_by_path_is_loaded_and_a_missing_one_is_named()
    {
        using var folder = new TempFolder();
        var path = folder.Write("mine.yaml", Minimal);

        Assert.Equal("mine", DatasetConfigs.Resolve(path).Name);
        var error = Assert.Throws<ConfigException>(() => DatasetConfigs.Resolve(Path.Combine(folder.Path, "absent.yaml")));
        Assert.Equal($"{Path.Combine(folder.Path, "absent.yaml")}: cannot read the dataset file: no such file", error.Errors.Single().ToString());
    }

    [Fact]
    public void Common_reader_options_are_accepted_on_any_reader()
    {
        var config = DatasetConfigs.Parse(Minimal.Replace("path: mine/val}", "path: mine/val, resize: 20, pad: 4, invert: true}"), Source);

        Assert.Equal((20L, 4L, true), (config.IdVal.Long("resize"), config.IdVal.Long("pad"), config.IdVal.Bool("invert")));
    }

    [Fact]
    public void A_target_split_is_read_apart_from_the_evaluation_sets_and_limit_is_a_common_option()
    {
        var config = DatasetConfigs.Parse(Minimal + "\ntarget: {reader: image_folder, path: other/train, limit: 100}\n", Source);

        Assert.Equal(("target", "other/train", 100L), (config.Target!.Name, config.Target.String("path"), config.Target.Long("limit")));
        Assert.DoesNotContain(config.Splits, split => split.Name == "target");
        Assert.Null(DatasetConfigs.Parse(Minimal, Source).Target);
        Assert.NotNull(DatasetConfigs.Find("digits_da")!.Target);
    }

    [Fact]
    public void An_ood_set_cannot_take_the_target_name_and_limit_must_be_positive()
    {
        Assert.Contains(Errors(Minimal + "\nood:\n  target: {reader: image_folder, path: x}\n"),
            e => e.EndsWith("an OOD set cannot be named `target`: that name is taken by the split of the same name", StringComparison.Ordinal));
        Assert.Contains(Errors(Minimal.Replace("path: mine/val}", "path: mine/val, limit: 0}")),
            e => e.EndsWith("`limit` must be at least 1, got 0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_in_configs_README_is_the_cifar10_file()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", "README.md"));
        var section = readme[readme.IndexOf("## Dataset files", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        var file = File.ReadAllLines(Path.Combine(RepoPaths.Root, "configs", "datasets", "cifar10.yaml")).Where(l => !l.StartsWith('#'));

        Assert.Equal(string.Join("\n", file) + "\n", example);
    }
}
