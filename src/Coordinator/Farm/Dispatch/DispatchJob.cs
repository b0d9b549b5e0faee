using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Shared.Farm;

namespace Daft.Coordinator.Farm.Dispatch;

/// <summary>One open job as the dispatcher holds it (mutable, owned by <see cref="DispatchState"/>).</summary>
internal sealed class DispatchJob
{
    public required string Id { get; init; }
    public required long Seq { get; init; }
    public required string SpecYaml { get; init; }
    public required ImmutableArray<string> DependsOn { get; init; }
    public required DeviceRequirement Requirement { get; init; }
    public required HashSet<string> Sweeps { get; init; }
    public required int MaxAttempts { get; set; }
    public int Priority { get; set; }
    public JobState State { get; set; } = JobState.Pending;

    /// <summary>Leases issued so far; the current lease's attempt number.</summary>
    public int Attempt { get; set; }

    /// <summary>Failed attempts (retryable ones) so far.</summary>
    public int Failures { get; set; }

    /// <summary>Lease losses (node gone, heartbeat missed, handed back) so far.</summary>
    public int Requeues { get; set; }

    public DeviceDescriptor? Worker { get; set; }
    public DateTimeOffset LeaseExpiresAt { get; set; }
    public DateTimeOffset LastProgressAt { get; set; }
    public string? ProgressJson { get; set; }

    /// <summary>The sweep whose fair share this job counts against: the first it was submitted with.</summary>
    public string PrimarySweep => Sweeps.Order(StringComparer.Ordinal).First();
}
