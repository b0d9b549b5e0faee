using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// A sweep file as read and checked, before expansion: every value already turned into what a job spec needs (job
/// values read once per YAML node, method values kept as the nodes a method mapping is built from), so that expanding
/// touches no YAML text. <see cref="SweepExpander"/> turns it into a <see cref="SweepPlan"/>.
/// </summary>
internal sealed record SweepDefinition(
    string Name,
    string? Description,
    int Priority,
    int MaxAttempts,
    DeviceRequirement Requirement,
    JobValues Defaults,
    PretrainJob? Pretrain,
    IReadOnlyList<GridAxis> Axes,
    IReadOnlyList<MethodEntry> Methods,
    MethodEntry? LinearProbe,
    IReadOnlyList<SweepOverride> Overrides,
    Position Start);

/// <summary>The sweep's pretrain job: every grid point starts from its model (<c>weights: job:&lt;id&gt;</c>).</summary>
internal sealed record PretrainJob(JobSpec Spec, string Id, Position At);

/// <summary>
/// One axis of the grid: a job key with its values (<c>run_num: [1, 2, 3]</c>; label = the value as written) or a
/// labelled axis whose values set several keys at once (<c>model: [{label: moco_v2, backbone: resnet50, ...}]</c>;
/// its labels become the tag <see cref="Name"/>).
/// </summary>
internal sealed record GridAxis(string Name, bool IsLabelled, IReadOnlyList<AxisValue> Values, Position At)
{
    /// <summary>The labels, in file order, for messages.</summary>
    public IEnumerable<string> Labels => Values.Select(value => value.Label);
}

/// <summary>One value of an axis: its label and the job values it sets.</summary>
internal sealed record AxisValue(string Label, JobValues Values);

/// <summary>
/// A method of the sweep with its keys: each key's values as YAML nodes (one = a constant, several = a grid), the
/// sweep's own over configs/methods/&lt;name&gt;.yaml's defaults, in schema order. <see cref="Index"/> is its place in
/// <see cref="SweepDefinition.Methods"/> (-1 for the LP entry of a sweep that lists no lp).
/// </summary>
internal sealed record MethodEntry(int Index, string Name, IReadOnlyList<KeyValues> Keys, YamlText NameNode);

/// <summary>A key with the value nodes given for it at one place of the sweep file.</summary>
internal sealed record KeyValues(YamlText Key, IReadOnlyList<YamlText> Values);

/// <summary>
/// <c>when</c> (every condition must hold; none = every point) → <c>set</c>: job keys (each value read once) and
/// method keys (nodes) that replace the point's values, a list making a grid for the matching points.
/// </summary>
internal sealed record SweepOverride(
    int Index,
    IReadOnlyList<OverrideCondition> When,
    IReadOnlyList<JobKeyValues> JobKeys,
    IReadOnlyList<KeyValues> MethodKeys);

/// <summary>A condition: the axis at <see cref="AxisIndex"/> (or, when -1, the method) has one of <see cref="Labels"/>.</summary>
internal sealed record OverrideCondition(int AxisIndex, IReadOnlySet<string> Labels);

/// <summary>A job key an override sets, with the value(s) read; several make a grid.</summary>
internal sealed record JobKeyValues(string Key, IReadOnlyList<JobValues> Values);
