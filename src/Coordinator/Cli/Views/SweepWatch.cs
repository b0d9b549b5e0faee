using Daft.Coordinator.SweepViews;
using Spectre.Console;

namespace Daft.Coordinator.Cli.Views;

/// <summary>
/// <c>daft sweep status SWEEP --watch</c>: looks at the sweep every <c>interval</c> until no job of it is open, then
/// prints its final status. On a terminal a live table redrawn in place (Spectre.Console): the counts, the running jobs
/// with node, device, epoch and ETA, the latest failures with their reasons; in a log, a line per change
/// (<see cref="WatchLines"/>). A look that fails (the database busy, the coordinator restarting) is reported once and
/// retried; the sweep itself is found once, by id from then on. Exit: 0 when every job succeeded,
/// <see cref="ExitCodes.JobsFailed"/> when some failed or were cancelled, <see cref="ExitCodes.Interrupted"/> on Ctrl-C.
/// </summary>
internal static class SweepWatch
{
    public static async Task<int> RunAsync(ISweepSource source, SweepStatusView first, TextWriter output, bool interactive, TimeSpan interval,
        CancellationToken cancellation)
    {
        var view = first;
        try
        {
            if (interactive)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                await console.Live(LiveView.Render(view, problem: null)).AutoClear(true).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
                {
                    while (!view.Done)
                    {
                        await Task.Delay(interval, cancellation);
                        var (next, problem) = await LookAsync(source, view, cancellation);
                        view = next;
                        live.UpdateTarget(LiveView.Render(view, problem));
                    }
                });
            }
            else
            {
                Print(output, view, WatchLines.Between(null, view));
                string? reported = null;
                while (!view.Done)
                {
                    await Task.Delay(interval, cancellation);
                    var (next, problem) = await LookAsync(source, view, cancellation);
                    if (problem != reported && problem is not null)
                    {
                        Print(output, view, [$"cannot look at the sweep: {problem}; trying again"]);
                    }

                    reported = problem;
                    Print(output, next, WatchLines.Between(view, next));
                    view = next;
                }

                output.WriteLine();
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            output.WriteLine($"interrupted; sweep {view.Name} ({view.Id}) goes on: {StatusText.Counts(view)}");
            return ExitCodes.Interrupted;
        }

        StatusText.Write(output, view);
        return view.EndedWithFailures ? ExitCodes.JobsFailed : ExitCodes.Ok;
    }

    /// <summary>The next view, or the last one with what went wrong.</summary>
    private static async Task<(SweepStatusView View, string? Problem)> LookAsync(ISweepSource source, SweepStatusView last, CancellationToken cancellation)
    {
        try
        {
            return (await source.StatusAsync(last.Id, cancellation), null);
        }
        catch (CliFailure error) when (error.ExitCode != ExitCodes.InvalidInput)
        {
            return (last, error.Message);
        }
    }

    private static void Print(TextWriter output, SweepStatusView view, IReadOnlyList<string> lines)
    {
        var at = view.At.ToUniversalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var line in lines)
        {
            output.WriteLine($"[{at}] {line}");
        }

        output.Flush();
    }
}
