namespace Daft.Shared.Datasets;

/// <summary>
/// Where one split's images come from: a reader (a file format the GpuNode reads) and its options, e.g.
/// <c>{reader: cifar10_binary, path: cifar-10-batches-bin, split: test}</c>. Paths in options are relative to the
/// data root. <see cref="ReaderSchemas"/> lists every reader and the options it takes.
/// </summary>
/// <param name="Name">The split's name in results: <c>train</c>, <c>id_val</c>, or the OOD set's name.</param>
/// <param name="Reader">One of <see cref="ReaderSchemas.All"/>.</param>
/// <param name="Options">The reader's options (values: string, long, bool, a list of strings, or the decode steps), keys sorted.</param>
public sealed record SplitSource(string Name, string Reader, IReadOnlyDictionary<string, object> Options)
{
    public string? String(string key) => Options.TryGetValue(key, out var value) ? value as string : null;

    public long? Long(string key) => Options.TryGetValue(key, out var value) && value is long number ? number : null;

    public bool? Bool(string key) => Options.TryGetValue(key, out var value) && value is bool flag ? flag : null;

    public IReadOnlyList<string>? List(string key) => Options.TryGetValue(key, out var value) ? value as IReadOnlyList<string> : null;

    /// <summary>The <c>decode</c> steps of a reader of image files; empty when none are given.</summary>
    public IReadOnlyList<TransformSpec> Decode =>
        Options.TryGetValue("decode", out var value) && value is IReadOnlyList<TransformSpec> steps ? steps : [];

    /// <summary>The option, which the schema made required.</summary>
    public string Required(string key) =>
        String(key) ?? throw new InvalidOperationException($"Split '{Name}' (reader {Reader}) has no `{key}`; the dataset file's parser should have required it.");
}

/// <summary>
/// One dataset as <c>configs/datasets/NAME.yaml</c> defines it: its classes, the source of each split (train, the
/// ID test set <c>id_val</c>, the OOD sets), the train and eval transforms, the paper's epoch count and the
/// <c>daft data fetch</c> sources it needs. configs/README.md documents the format.
/// </summary>
/// <param name="Name">What a job's <c>dataset:</c> key says.</param>
/// <param name="Description">One line for <c>daft data list</c>.</param>
/// <param name="NumClasses">Class count; every label is below it.</param>
/// <param name="ClassNames">Names in label order, when the file gives them.</param>
/// <param name="ImageSize">Side of the square images the transforms produce (the model's input).</param>
/// <param name="Epochs">Epochs a job on it gets when the job file says none.</param>
/// <param name="Sources">The <c>daft data fetch</c> sources its splits read.</param>
/// <param name="Train">The training split.</param>
/// <param name="IdVal">The ID test set, also the model-selection set (as in the reference code).</param>
/// <param name="Ood">The OOD test sets, in reporting order.</param>
/// <param name="TrainTransforms">Applied to training batches (the random steps only when the job augments).</param>
/// <param name="EvalTransforms">Applied to every evaluation set.</param>
/// <param name="SourceFile">The file it was read from (an embedded resource name for the built-in ones).</param>
public sealed record DatasetConfig(
    string Name,
    string Description,
    int NumClasses,
    IReadOnlyList<string>? ClassNames,
    int ImageSize,
    int Epochs,
    IReadOnlyList<string> Sources,
    SplitSource Train,
    SplitSource IdVal,
    IReadOnlyList<SplitSource> Ood,
    IReadOnlyList<TransformSpec> TrainTransforms,
    IReadOnlyList<TransformSpec> EvalTransforms,
    string SourceFile)
{
    /// <summary>
    /// The unlabelled target domain of domain adaptation (the <c>target:</c> split, named <c>target</c>): images DANN
    /// trains its domain classifier on; their labels are never read by training. Null when the file has none.
    /// </summary>
    public SplitSource? Target { get; init; }

    /// <summary>Train, id_val, then the OOD sets (not <see cref="Target"/>).</summary>
    public IEnumerable<SplitSource> Splits => new[] { Train, IdVal }.Concat(Ood);
}
