namespace Daft.Shared.Datasets;

/// <summary>The type of a reader option's value.</summary>
public enum OptionKind
{
    String,
    Int,
    Bool,
    StringList,
    /// <summary>A list of deterministic transforms (resize, center_crop) applied to each file as it is decoded.</summary>
    Decode,
}

/// <summary>One option a reader takes in a dataset file's split mapping.</summary>
/// <param name="Key">The YAML key.</param>
/// <param name="Kind">Its value's type.</param>
/// <param name="Default">The value when the key is absent (null: required unless <paramref name="Optional"/>).</param>
/// <param name="Choices">Allowed strings (for strings and string lists), or null for any.</param>
/// <param name="Optional">Absent is fine and means "not set" (no default).</param>
/// <param name="Minimum">Smallest allowed value of an int.</param>
/// <param name="Maximum">Largest allowed value of an int.</param>
public sealed record ReaderOption(string Key, OptionKind Kind, object? Default = null, IReadOnlyList<string>? Choices = null,
    bool Optional = false, long Minimum = long.MinValue, long Maximum = long.MaxValue)
{
    public bool Required => Default is null && !Optional;
}

/// <summary>A file format the GpuNode reads a split from, and the options a dataset file gives it.</summary>
public sealed record ReaderSchema(string Name, string Help, IReadOnlyList<ReaderOption> Options);

/// <summary>
/// Every reader a dataset file's split may name. Paths are relative to the data root. Every reader also takes the
/// <see cref="Common"/> options, applied once when the split is read, in this order: <c>limit: N</c> (only the first N
/// images in the reader's order), <c>resize: N</c> (bilinear, PIL's, to N x N), <c>pad: P</c> (P black pixels on each
/// side), <c>invert: true</c> (each pixel x becomes 255 - x).
/// </summary>
public static class ReaderSchemas
{
    public const string Invert = "invert";
    public const string Resize = "resize";
    public const string Pad = "pad";
    public const string Limit = "limit";

    /// <summary>The options every reader takes (see the class summary).</summary>
    public static IReadOnlyList<ReaderOption> Common { get; } =
    [
        new(Limit, OptionKind.Int, Optional: true, Minimum: 1),
        new(Resize, OptionKind.Int, Optional: true, Minimum: 1),
        new(Pad, OptionKind.Int, Optional: true, Minimum: 0),
        new(Invert, OptionKind.Bool, Optional: true),
    ];

    static readonly string[] TrainTest = ["train", "test"];

    /// <summary>The <c>decode</c> option of the readers of image files: what to do to each file as it is read (its
    /// output must be one square size for the whole split).</summary>
    static readonly ReaderOption Decode = new("decode", OptionKind.Decode, Optional: true);

    public static IReadOnlyList<ReaderSchema> All { get; } =
    [
        new("cifar10_binary", "CIFAR-10, binary version: data_batch_1..5.bin (train) and test_batch.bin (test)",
            [Path("cifar-10-batches-bin"), Split(TrainTest)]),
        new("cifar10_1", "CIFAR-10.1: cifar10.1_VERSION_{data,labels}.npy",
            [Path("cifar10.1"), new("version", OptionKind.String, "v6", ["v4", "v6", "v7"])]),
        new("cifar10_c", "CIFAR-10-C: CORRUPTION.npy and labels.npy, one severity (1-5) of 10,000 images",
            [Path("CIFAR-10-C"), new("corruption", OptionKind.String, null, Cifar10CCorruptions.All), new("severity", OptionKind.Int, Minimum: 1, Maximum: 5)]),
        new("stl10", "STL-10 binary (96x96, column-major), labels mapped to CIFAR-10's classes (monkey dropped) unless labels: stl10",
            [Path("stl10_binary"), Split(TrainTest), new("labels", OptionKind.String, "cifar10", ["cifar10", "stl10"])]),
        new("idx", "MNIST-style IDX files, gzipped or not: {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]",
            [Path(null), Split(TrainTest)]),
        new("npy", "SPLIT_images.npy (uint8 (N, H, W, 3) or (N, H, W)) and SPLIT_labels.npy (integers)",
            [Path(null), new("split", OptionKind.String)]),
        new("digits_csv", "the UCI digits CSV as scikit-learn ships it (8x8, 0-16); split train/test is a fixed stratified 3:1 split, all is every row",
            [Path("digits/digits.csv.gz"), Split(["train", "test", "all"])]),
        new("image_folder", "a torchvision ImageFolder: PATH/CLASS/**/*.{jpg,jpeg,png,bmp,webp}, classes sorted",
            [Path(null), Decode]),
        new("domainnet", "DomainNet images listed by SENTRY's 40-class lists (version: sentry) or DomainNet's 345-class ones (full)",
            [new("domains", OptionKind.String), Split(TrainTest), new("version", OptionKind.String, "sentry", ["sentry", "full"]), Decode]),
        new("breeds", "a BREEDS benchmark (robustness's split='rand') over ImageNet folders: source or target subclasses, ImageNet train or val",
            [new("benchmark", OptionKind.String, null, ["living17", "entity30"]), new("domain", OptionKind.String, null, ["source", "target"]),
                new("split", OptionKind.String, null, ["train", "val"]), Decode]),
        new("fmow", "fMoW-WILDS v1.1: a WILDS split, optionally only some regions (WILDS's ids: Asia 0, Europe 1, Africa 2, Americas 3, Oceania 4, Other 5)",
            [new("split", OptionKind.String, null, ["train", "id_val", "id_test", "val", "test"]),
                new("regions", OptionKind.StringList, Choices: ["0", "1", "2", "3", "4", "5"], Optional: true), Decode]),
    ];


    /// <summary>The schema of <paramref name="name"/>, or null.</summary>
    public static ReaderSchema? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    static ReaderOption Path(string? fallback) => fallback is null ? new("path", OptionKind.String) : new("path", OptionKind.String, fallback);

    static ReaderOption Split(string[] choices) => new("split", OptionKind.String, null, choices);
}
