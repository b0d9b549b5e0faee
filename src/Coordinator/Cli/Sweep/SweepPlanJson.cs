using System.Text.Encodings.Web;
using System.Text.Json;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>
/// The plan for scripts: the sweep, the ledger, the counts (overall and per method), the dependencies outside the
/// sweep, and every job with its spec summary, tags, dependencies, status, action and reason.
/// </summary>
internal static class SweepPlanJson
{
    public static void Write(TextWriter output, SweepPlanReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var plan = report.Plan;
            json.WriteStartObject();
            json.WriteStartObject("sweep");
            json.WriteString("id", plan.SweepId);
            json.WriteString("name", plan.Name);
            json.WriteString("file", plan.SourceFile);
            json.WriteNumber("priority", plan.Priority);
            json.WriteNumber("max_attempts", plan.MaxAttempts);
            json.WriteEndObject();
            json.WriteStartObject("ledger");
            json.WriteString("database", report.Ledger.Description);
            json.WriteBoolean("exists", report.Ledger.Exists);
            json.WriteEndObject();
            json.WritePropertyName("summary");
            WriteCounts(json, report.Total);
            json.WriteStartArray("methods");
            foreach (var (method, counts) in report.ByMethod)
            {
                WriteCounts(json, counts, method);
            }

            json.WriteEndArray();
            json.WriteStartArray("external_dependencies");
            foreach (var (id, state) in report.ExternalDependencies)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("status", state?.Text() ?? "unknown");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("jobs");
            foreach (var row in report.Rows)
            {
                WriteJob(json, row);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteCounts(Utf8JsonWriter json, PlanCounts counts, string? method = null)
    {
        json.WriteStartObject();
        if (method is not null)
        {
            json.WriteString("method", method);
        }

        json.WriteNumber("jobs", counts.Jobs);
        json.WriteNumber("to_run", counts.Run);
        json.WriteNumber("new", counts.New);
        json.WriteNumber("failed_before", counts.FailedBefore);
        json.WriteNumber("cancelled_before", counts.CancelledBefore);
        json.WriteNumber("succeeded", counts.Reuse);
        json.WriteNumber("queued_or_running", counts.Join);
        json.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter json, PlanRow row)
    {
        var job = row.Job;
        json.WriteStartObject();
        json.WriteString("id", job.Id);
        json.WriteString("method", job.Spec.Method.Name);
        json.WriteString("dataset", job.Spec.Dataset);
        json.WriteString("backbone", job.Spec.Backbone);
        WriteNumberOrNull(json, "lr", PlanColumns.Lr(job.Spec));
        WriteNumberOrNull(json, "head_lr", PlanColumns.HeadLr(job.Spec));
        json.WriteNumber("run_num", job.Spec.RunNum);
        json.WriteStartObject("tags");
        foreach (var (name, value) in job.Tags)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteStartArray("depends_on");
        foreach (var dependency in job.DependsOn)
        {
            json.WriteStringValue(dependency);
        }

        json.WriteEndArray();
        json.WriteString("status", row.Status);
        json.WriteString("action", row.Action.ToString().ToLowerInvariant());
        json.WriteString("reason", row.Reason);
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
