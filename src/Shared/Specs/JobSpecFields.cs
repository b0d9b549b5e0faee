namespace Daft.Shared.Specs;

/// <summary>One key of a resolved spec and its value: string, int, long, double, bool, null, a list of ints (head_hidden), or the method's fields.</summary>
internal sealed record SpecField(string Key, object? Value);

/// <summary>
/// A resolved spec as the ordered key/value list of its job file; the YAML writer and the canonical JSON of the job
/// id both read it, so the two cannot disagree about names or values.
/// </summary>
internal static class JobSpecFields
{
    public static IReadOnlyList<SpecField> Of(JobSpec spec) =>
    [
        new(JobKeys.Dataset, spec.Dataset),
        new(JobKeys.DataRoot, spec.DataRoot),
        new(JobKeys.ImageSize, spec.ImageSize),
        new(JobKeys.Backbone, spec.Backbone),
        new(JobKeys.Weights, spec.Weights),
        new(JobKeys.Method, OfMethod(spec.Method)),
        new(JobKeys.Epochs, spec.Epochs),
        new(JobKeys.BatchSize, spec.BatchSize),
        new(JobKeys.Momentum, spec.Momentum),
        new(JobKeys.WeightDecay, spec.WeightDecay),
        new(JobKeys.Nesterov, spec.Nesterov),
        .. OfSchedule(spec.LrSchedule),
        new(JobKeys.HeadHidden, spec.Head.IsMlp ? spec.Head.Hidden : null),
        new(JobKeys.HeadActivation, spec.Head.IsMlp ? spec.Head.ActivationName : null),
        new(JobKeys.HeadDropout, spec.Head.IsMlp ? spec.Head.Dropout : null),
        new(JobKeys.Thaw, spec.Freeze?.ThawText),
        new(JobKeys.FrozenBn, spec.Freeze is { FrozenBatchNormInEval: false } ? "train" : null),
        new(JobKeys.Augment, spec.Augment),
        new(JobKeys.RunNum, spec.RunNum),
        new(JobKeys.Seed, spec.Seed),
        new(JobKeys.Threads, spec.Threads),
        new(JobKeys.Device, spec.Device),
        new(JobKeys.LogEveryNSteps, spec.LogEveryNSteps),
    ];

    public static IReadOnlyList<SpecField> OfMethod(MethodSpec method)
    {
        SpecField name = new(MethodKeys.Name, method.Name);
        return method switch
        {
            LinearProbeSpec probe => [name, .. OfProbe(probe)],
            FineTuneSpec ft => [name, new(MethodKeys.Lr, ft.Lr), BnModeField(ft.BnMode)],
            LpFtSpec lpFt =>
            [
                name, new(MethodKeys.Lr, lpFt.Lr), BnModeField(lpFt.BnMode), new(MethodKeys.LpHead, lpFt.LpHead),
                .. OfProbe(lpFt.Probe),
            ],
            DaftSpec daft =>
            [
                name, new(MethodKeys.Lr, daft.Lr), new(MethodKeys.HeadLr, daft.HeadLr),
                new(MethodKeys.ConvertBn, daft.ConvertBn), BnModeField(daft.BnMode),
            ],
            DannSpec dann =>
            [
                name, new(MethodKeys.Lr, dann.Lr), new(MethodKeys.DomainHidden, dann.DomainHidden), BnModeField(dann.BnMode),
                new(MethodKeys.Forward, DannSpec.ForwardNames[(int)dann.Forward]),
            ],
            _ => throw new ArgumentException($"Unknown method record {method.GetType().Name}.", nameof(method)),
        };
    }

    /// <summary>The schedule's keys, each null (left out) where it is the default or does not apply to the kind.</summary>
    private static IEnumerable<SpecField> OfSchedule(LrScheduleSpec schedule)
    {
        var step = schedule.Kind == LrScheduleKind.Step;
        var plateau = schedule.Kind == LrScheduleKind.Plateau;
        return
        [
            new(JobKeys.LrSchedule, schedule.Kind == LrScheduleKind.Cosine ? null : schedule.Name),
            new(JobKeys.LrStepSize, step ? schedule.StepSize : null),
            new(JobKeys.LrGamma, step ? schedule.Gamma : null),
            new(JobKeys.LrPlateauMetric, plateau ? schedule.MetricName : null),
            new(JobKeys.LrFactor, plateau ? schedule.Factor : null),
            new(JobKeys.LrPatience, plateau ? schedule.Patience : null),
            new(JobKeys.WarmupEpochs, schedule.WarmupEpochs > 0 ? schedule.WarmupEpochs : null),
        ];
    }

    private static IEnumerable<SpecField> OfProbe(LinearProbeSpec probe) =>
    [
        new(MethodKeys.CStart, probe.CStart),
        new(MethodKeys.CEnd, probe.CEnd),
        new(MethodKeys.CNum, probe.CNum),
        new(MethodKeys.MaxIter, probe.MaxIter),
    ];

    private static SpecField BnModeField(BnMode mode) => new(MethodKeys.BnMode, mode == BnMode.Eval ? "eval" : "train");
}
