using System.Collections.Immutable;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Jobs;

/// <summary>
/// One point of an expanded sweep: its id (<see cref="JobIdentity.IdOf"/> of <see cref="Spec"/>), the resolved spec, the
/// ids of the jobs that must succeed first (an LP-FT job depends on the LP job of its dataset, backbone and run_num),
/// the sweep's labels for it (axis name → value label, e.g. <c>model: moco_v2</c>; for tables) and where it may run.
/// </summary>
public sealed record PlannedJob(
    string Id,
    JobSpec Spec,
    ImmutableArray<string> DependsOn,
    ImmutableSortedDictionary<string, string> Tags,
    DeviceRequirement Requirement);

/// <summary>
/// An expanded sweep, ready to submit: id (<see cref="SweepIdentity"/>), name, where it came from, priority (higher runs
/// first), attempts per job, and its jobs in an order where every job comes after the jobs it depends on.
/// </summary>
public sealed record SweepPlan(
    string SweepId,
    string Name,
    string? SourceFile,
    string? SourceText,
    int Priority,
    int MaxAttempts,
    ImmutableArray<PlannedJob> Jobs);
