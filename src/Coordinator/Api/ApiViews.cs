using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;

namespace Daft.Coordinator.Api;

/// <summary>An error answer: what went wrong, in words; for an invalid sweep every <c>file:line:col: message</c> in <see cref="Errors"/> (else empty).</summary>
[method: JsonConstructor]
public sealed record ApiError(string Error, ImmutableArray<string> Errors)
{
    public ApiError(string error)
        : this(error, [])
    {
    }
}

/// <summary>
/// What <c>POST /api/sweeps</c> (and <c>daft sweep submit</c>) did: the sweep's id and name, its jobs, how many had
/// already succeeded (their results are reused), how many will run (new, or re-queued after failing or being
/// cancelled), the ledger, and whether the coordinator took the sweep at once (else it does within seconds).
/// </summary>
public sealed record SubmitView(string SweepId, string Name, int Jobs, int AlreadySucceeded, int ToRun, int New, int Requeued, string Ledger, bool Started);

/// <summary>What <c>POST /api/sweeps/{id}/cancel</c> did: the sweep is marked cancelled; its open jobs are being stopped.</summary>
public sealed record CancelView(string SweepId, string Name, string State, int OpenJobs);

/// <summary>A sweep's results (<c>GET /api/sweeps/{id}/results</c>): one row per job, and the cells aggregated by <see cref="ResultAggregator"/>.</summary>
public sealed record ResultsView(string SweepId, string Name, IReadOnlyList<ResultRow> Rows, IReadOnlyList<ResultCell> Cells);

/// <summary>One job with its history (<c>GET /api/jobs/{id}</c>); <see cref="Progress"/> and <see cref="Result"/> are the stored JSON, parsed.</summary>
public sealed record JobView(
    string Id,
    string Method,
    string Dataset,
    string Backbone,
    int RunNum,
    JobState State,
    int Attempt,
    int MaxAttempts,
    int Priority,
    string? Node,
    string? Device,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Reason,
    ImmutableArray<string> Sweeps,
    ImmutableArray<string> DependsOn,
    string SpecYaml,
    JsonElement? Progress,
    JsonElement? Result,
    IReadOnlyList<JobEventView> Events)
{
    public static JobView Of(StoredJob job, IReadOnlyList<JobEventRow> events, StoredResult? result) => new(
        job.Id, job.Method, job.Dataset, job.Backbone, job.RunNum, job.State, job.Attempt, job.MaxAttempts, job.Priority, job.Node, job.Device,
        job.SubmittedAt, job.StartedAt, job.FinishedAt, job.Reason, job.Sweeps, job.DependsOn, job.SpecYaml, Parse(job.ProgressJson),
        Parse(result?.ResultJson), [.. events.Select(row => new JobEventView(row.At, row.Kind, row.Attempt, row.Node, row.Device, row.Detail))]);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}

/// <summary>One row of a job's history.</summary>
public sealed record JobEventView(DateTimeOffset At, string Kind, int Attempt, string? Node, string? Device, string? Detail);
