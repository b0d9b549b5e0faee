using System.Globalization;
using System.Text.RegularExpressions;

namespace Daft.Shared.Specs;

/// <summary>From <see cref="Epoch"/> (1-based) on, the named stages train too; <see cref="FreezeSpec.All"/> = every parameter.</summary>
public sealed record ThawStep(int Epoch, IReadOnlyList<string> Stages)
{
    /// <summary>Equal when the epoch and the stages (in order) are.</summary>
    public bool Equals(ThawStep? other) => other is not null && Epoch == other.Epoch && Stages.SequenceEqual(other.Stages);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Epoch, string.Join(',', Stages));
}

/// <summary>
/// Freeze / thaw (<c>thaw</c>, <c>frozen_bn</c> in a job file; the transfer-learning tutorial's gradual unfreezing):
/// the head always trains, every other parameter is frozen until a step names its stage. A stage is a state-dict
/// prefix of the backbone (<c>layer4</c>, <c>conv1</c>) or <c>all</c>. <c>thaw: "layer4@2, all@4"</c> trains the head
/// alone in epoch 1, adds layer4 from epoch 2 and everything from epoch 4. With <see cref="FrozenBatchNormInEval"/>
/// (<c>frozen_bn: eval</c>, the default) a BatchNorm layer whose parameters are all frozen stays in eval mode, so its
/// running statistics keep their pretrained values. No <c>thaw</c> (the default): everything trains from the start.
/// </summary>
/// <param name="Steps">The thaw steps in increasing epochs, each with at least one stage.</param>
/// <param name="FrozenBatchNormInEval">Keep frozen BatchNorm layers in eval mode while the model trains.</param>
public sealed partial record FreezeSpec(IReadOnlyList<ThawStep> Steps, bool FrozenBatchNormInEval)
{
    /// <summary>The stage that thaws every parameter.</summary>
    public const string All = "all";

    /// <summary>The values of <c>frozen_bn</c>.</summary>
    public static IReadOnlyList<string> FrozenBnNames { get; } = ["eval", "train"];

    /// <summary>The <c>thaw</c> value in its canonical form: steps by epoch, <c>stage@epoch</c>, comma-separated.</summary>
    public string ThawText => string.Join(", ", Steps.SelectMany(step => step.Stages.Select(stage => $"{stage}@{step.Epoch}")));

    /// <summary>
    /// Reads a <c>thaw</c> value (<c>"layer4@2, all@4"</c>; stages sharing an epoch may repeat it: <c>"layer3@2,
    /// layer4@2"</c>) into steps ordered by epoch; null with <paramref name="error"/> saying what is wrong.
    /// </summary>
    public static IReadOnlyList<ThawStep>? ParseThaw(string text, out string? error)
    {
        error = null;
        var byEpoch = new SortedDictionary<int, List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = ThawItem().Match(part);
            if (!match.Success || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) || epoch < 1)
            {
                error = $"`{part}` is not STAGE@EPOCH (a state-dict prefix such as layer4, or all, then @ and an epoch >= 1, e.g. \"layer4@2, all@4\")";
                return null;
            }

            var stage = match.Groups[1].Value;
            if (stage == "fc" || stage.StartsWith("fc.", StringComparison.Ordinal))
            {
                error = $"`{part}`: the head (fc) always trains; thaw names the stages of the backbone";
                return null;
            }

            if (!seen.Add(stage))
            {
                error = $"stage `{stage}` is thawed twice";
                return null;
            }

            if (!byEpoch.TryGetValue(epoch, out var stages))
            {
                byEpoch[epoch] = stages = [];
            }

            stages.Add(stage);
        }

        return [.. byEpoch.Select(pair => new ThawStep(pair.Key, pair.Value))];
    }

    /// <summary>Equal when the steps (in order) and the BatchNorm mode are.</summary>
    public bool Equals(FreezeSpec? other) =>
        other is not null && Steps.SequenceEqual(other.Steps) && FrozenBatchNormInEval == other.FrozenBatchNormInEval;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ThawText, FrozenBatchNormInEval);

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)@([0-9]+)$")]
    private static partial Regex ThawItem();
}
