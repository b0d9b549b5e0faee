using Daft.Coordinator.SweepViews;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Daft.Coordinator.Cli.Views;

/// <summary>The live block of <c>daft sweep status --watch</c> on a terminal: the counts, a table of running jobs, the latest failures.</summary>
internal static class LiveView
{
    /// <summary>Failures the live block shows (the newest); the final status after it lists more.</summary>
    private const int FailuresShown = 8;

    public static IRenderable Render(SweepStatusView view, string? problem)
    {
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]sweep {Markup.Escape(view.Name)}[/] ({view.Id}) at {view.At.ToUniversalTime():HH:mm:ss}: {Markup.Escape(StatusText.Counts(view))}"),
        };
        if (problem is not null)
        {
            parts.Add(new Markup($"[yellow]cannot look at the sweep: {Markup.Escape(problem)}; trying again[/]"));
        }

        if (view.Running.Length > 0)
        {
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("job").NoWrap())
                .AddColumns("label", "node/device", "attempt")
                .AddColumn(new TableColumn("epoch").RightAligned())
                .AddColumn(new TableColumn("id_val").RightAligned())
                .AddColumn(new TableColumn("eta").RightAligned());
            foreach (var job in view.Running)
            {
                table.AddRow(job.JobId, Markup.Escape(job.Label), Markup.Escape(StatusText.Where(job.Node, job.Device)), $"{job.Attempt}/{job.MaxAttempts}",
                    Markup.Escape(StatusText.Epoch(job)), job.IdVal is { } idVal ? $"{idVal * 100:F2}" : "-", StatusText.Eta(job));
            }

            parts.Add(table);
        }

        foreach (var failure in view.Failures.TakeLast(FailuresShown))
        {
            var colour = failure.Kind is "failed" ? "red" : failure.Kind is "cancelled" ? "grey" : "yellow";
            parts.Add(new Markup($"[{colour}]{Markup.Escape(StatusText.Failure(failure))}[/]"));
        }

        return new Rows(parts);
    }
}
