using System.Text.Json;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;
using Daft.Coordinator.Sweeps;
using Daft.Coordinator.SweepViews;
using Daft.Shared.Specs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Daft.Coordinator.Api;

/// <summary>
/// <c>/api/sweeps</c>: list, submit, status, cancel, results. A sweep in a path is found as the CLI finds it
/// (<see cref="SweepResolver"/>: id, unique name, or start of the id): 404 when none matches, 409 when several do.
/// A submission goes through the same <see cref="SweepLoader.Parse(string, string)"/> and <see cref="IJobLedger.Submit"/>
/// as <c>daft sweep submit</c>, so it is checked, expanded and recorded identically.
/// </summary>
internal static class SweepEndpoints
{
    /// <summary>What an API submission's text is called in its error messages when the request names none.</summary>
    public const string DefaultSourceName = "request.yaml";

    public static void Map(IEndpointRouteBuilder app, IJobLedger ledger, CoordinatorLink coordinator)
    {
        app.MapGet("/api/sweeps", () => Json(SweepStatusReader.List(ledger)));
        app.MapPost("/api/sweeps", async Task<IResult> (HttpRequest request, HttpResponse response, CancellationToken cancellation) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync(cancellation);
            if (ReadSubmission(request.ContentType, body, request.Query["name"].ToString()) is not ({ } yaml, { } name) submission)
            {
                return Json(new ApiError("the body must be the sweep file as text (Content-Type: text/yaml) or JSON {\"yaml\": \"...\", \"name\": \"file.yaml\"}"),
                    StatusCodes.Status400BadRequest);
            }

            SweepPlan plan;
            try
            {
                plan = SweepLoader.Parse(yaml, name);
            }
            catch (ConfigException error)
            {
                return Json(new ApiError(error.Message, [.. error.Errors.Select(item => item.ToString())]), StatusCodes.Status400BadRequest);
            }

            var outcome = ledger.Submit(plan, DateTimeOffset.UtcNow);
            var started = await coordinator.StartSweepAsync(plan.SweepId, cancellation);
            var done = outcome.States.Values.Count(state => state == JobState.Succeeded);
            response.Headers.Location = $"/api/sweeps/{plan.SweepId}";
            return HttpResults.Json(new SubmitView(plan.SweepId, plan.Name, plan.Jobs.Length, done, plan.Jobs.Length - done, outcome.Inserted.Count,
                outcome.Requeued.Count, ledger.Description, started), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/api/sweeps/{id}", (string id) =>
        {
            var (lookup, view) = SweepStatusReader.Status(ledger, id, DateTimeOffset.UtcNow);
            return view is not null
                ? Json(view)
                : Json(new ApiError(lookup.Error!), lookup.Ambiguous ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
        });
        app.MapPost("/api/sweeps/{id}/cancel", (string id) => WithSweep(ledger, id, sweep =>
        {
            ledger.Write([new SweepCancelledWrite(sweep.Id, DateTimeOffset.UtcNow)]);
            coordinator.CancelSweep(sweep.Id, "cancelled by the user");
            return Json(new CancelView(sweep.Id, sweep.Name, "cancelled", SweepStatusBuilder.OpenCount(sweep.Counts)));
        }));
        app.MapGet("/api/sweeps/{id}/results", (string id) => WithSweep(ledger, id, sweep =>
        {
            var rows = LedgerResultRows.Of(ledger, sweep.Id);
            return Json(new ResultsView(sweep.Id, sweep.Name, rows, ResultAggregator.Aggregate(rows)));
        }));
    }

    /// <summary>
    /// The sweep text and its source name from a request: JSON <c>{"yaml": "...", "name": "..."}</c> when the content
    /// type says JSON, else the body itself with the name from <c>?name=</c>. Null when there is no text to parse.
    /// </summary>
    public static (string Yaml, string Name)? ReadSubmission(string? contentType, string body, string? queryName)
    {
        var name = string.IsNullOrWhiteSpace(queryName) ? DefaultSourceName : queryName;
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return string.IsNullOrWhiteSpace(body) ? null : (body, name);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("yaml", out var yaml) || yaml.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var named = root.TryGetProperty("name", out var given) && given.ValueKind == JsonValueKind.String && given.GetString() is { Length: > 0 } text ? text : name;
            return yaml.GetString() is { Length: > 0 } sweep ? (sweep, named) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult WithSweep(IJobLedger ledger, string query, Func<StoredSweep, IResult> answer)
    {
        var lookup = SweepStatusReader.Find(ledger, query);
        return lookup.Sweep is { } sweep
            ? answer(sweep)
            : Json(new ApiError(lookup.Error!), lookup.Ambiguous ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
    }

    internal static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => HttpResults.Json(value, ApiJson.Options, statusCode: status);
}
