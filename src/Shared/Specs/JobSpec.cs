namespace Daft.Shared.Specs;

/// <summary>
/// One training job, fully resolved: every default filled in, the seed derived when the file gave none, and the
/// <see cref="Weights"/> path made absolute (a <see cref="JobReference"/> is kept as written). Produced by <see cref="JobSpecLoader"/>; its identity is
/// <see cref="JobIdentity.IdOf"/>. The YAML keys are the snake_case forms of these names (see configs/README.md).
/// </summary>
/// <param name="Dataset">Name in the GpuNode dataset catalog (Shared does not check it).</param>
/// <param name="DataRoot">Folder with the datasets as written; null = <c>$DAFT_DATA</c>, else <c>~/.cache/daft</c> (see <see cref="ResolveDataRoot"/>).</param>
/// <param name="ImageSize">Side of the square input; null = the dataset's native size (no resize).</param>
/// <param name="Backbone">One of <see cref="BackboneNames.All"/>.</param>
/// <param name="Weights">Absolute path of the initial weights (safetensors), or <c>job:&lt;id&gt;</c> for the model another job wrote (<see cref="JobReference"/>); null = random init.</param>
/// <param name="Method">What to train: one of the four <see cref="MethodSpec"/> records.</param>
/// <param name="Epochs">SGD epochs (ignored by <see cref="LinearProbeSpec"/>).</param>
/// <param name="BatchSize">Batch size for training, evaluation and BN conversion.</param>
/// <param name="Momentum">SGD momentum.</param>
/// <param name="WeightDecay">SGD weight decay.</param>
/// <param name="Nesterov">SGD Nesterov momentum.</param>
/// <param name="Augment">Train-time random horizontal flip (plus the dataset's train transform).</param>
/// <param name="RunNum">Replicate index, 1-based.</param>
/// <param name="Seed">RNG seed; <see cref="Seeds.ForRunNum"/> when the file gave none.</param>
/// <param name="Threads">Torch intra-op threads; null = processor count.</param>
/// <param name="Device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
/// <param name="LogEveryNSteps">0 = per-epoch records only; N &gt; 0 = also every N-th step's lr and loss.</param>
public sealed record JobSpec(
    string Dataset,
    string? DataRoot,
    int? ImageSize,
    string Backbone,
    string? Weights,
    MethodSpec Method,
    int Epochs,
    int BatchSize,
    double Momentum,
    double WeightDecay,
    bool Nesterov,
    bool Augment,
    int RunNum,
    long Seed,
    int? Threads,
    string Device,
    int LogEveryNSteps)
{
    /// <summary>
    /// The learning-rate schedule (<c>lr_schedule</c> and the keys that go with it); <see cref="LrScheduleSpec.Default"/>
    /// (cosine, no warm-up) unless the file says otherwise. The default is left out of the job file and the job id.
    /// </summary>
    public LrScheduleSpec LrSchedule { get; init; } = LrScheduleSpec.Default;

    /// <summary>
    /// The classifier head (<c>head_hidden</c>, <c>head_activation</c>, <c>head_dropout</c>); <see cref="HeadSpec.Linear"/>
    /// unless the file gives hidden layers. The linear head is left out of the job file and the job id.
    /// </summary>
    public HeadSpec Head { get; init; } = HeadSpec.Linear;

    /// <summary>
    /// Freeze / thaw (<c>thaw</c>, <c>frozen_bn</c>); null (the default, left out of the job file and the job id) =
    /// every parameter trains from the first epoch.
    /// </summary>
    public FreezeSpec? Freeze { get; init; }

    /// <summary>
    /// The data root to read from: <see cref="DataRoot"/>, else <c>$DAFT_DATA</c>, else <c>~/.cache/daft</c>
    /// (<see cref="Data.DataRoot.Resolve"/>). Relative results are relative to the current directory, not the job file.
    /// </summary>
    public string ResolveDataRoot() => Data.DataRoot.Resolve(DataRoot);

    /// <summary>
    /// The spec as a job file with every resolved value written out (unset optional keys left out);
    /// <see cref="JobSpecLoader.Parse"/> reads it back to an equal spec. <paramref name="withNotes"/> adds comments:
    /// the job id on the first line and, after the seed, whether it is the one derived from run_num.
    /// </summary>
    public string ToYaml(bool withNotes = false) => JobSpecYamlWriter.Write(this, withNotes);
}
