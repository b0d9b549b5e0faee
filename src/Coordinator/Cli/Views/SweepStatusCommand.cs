using System.CommandLine;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Farm;

namespace Daft.Coordinator.Cli.Views;

/// <summary>
/// <c>daft sweep status SWEEP [--json] [--watch]</c>: where one sweep stands (<see cref="SweepViews.SweepStatusView"/>),
/// once or live until it is done (<see cref="SweepWatch"/>). Exit 0 for a status; with <c>--watch</c> 0 when every job
/// succeeded, 4 when some failed or were cancelled, 130 on Ctrl-C; 2 when no sweep (or several) fits SWEEP.
/// </summary>
internal static class SweepStatusCommand
{
    public static Command Create()
    {
        var farm = new FarmOptions();
        var api = new ApiClientOptions();
        var sweep = new Argument<string>("sweep") { Description = "The sweep: its id, the start of its id, or its name when no other sweep has it." };
        var json = new Option<bool>("--json") { Description = "Write the status as JSON (the shape of GET /api/sweeps/{id}); with --watch, one line per look." };
        var watch = new Option<bool>("--watch") { Description = "Follow the sweep until no job of it is open (a live table on a terminal, a line per change otherwise); Ctrl-C stops watching, not the sweep." };
        var interval = new Option<double>("--interval") { Description = "Seconds between two looks with --watch.", DefaultValueFactory = _ => 1 };
        var command = new Command("status", """
            Show where a sweep stands: jobs by state, the running ones with node, device, epoch and ETA, and every failure, retry and lost lease with its reason.
            Reads the ledger (works with the cluster down), or a coordinator's HTTP API with --api.

            Examples:
              daft sweep status digits-shift
              daft sweep status b79554c3 --watch
              daft sweep status b79554c3db62 --json | jq '.failures[] | .reason'
              daft sweep status paper-moco --watch --api http://10.0.0.1:4080
            """)
        {
            sweep, json, watch, interval,
        };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        api.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                using var source = SweepSources.Open(parse, farm, api);
                var view = await source.StatusAsync(parse.GetRequiredValue(sweep), cancellation);
                if (parse.GetValue(json))
                {
                    return parse.GetValue(watch)
                        ? await JsonWatchAsync(source, view, output, Interval(parse.GetValue(interval)), cancellation)
                        : Write(output, JsonSerializer.Serialize(view, ApiJson.Indented));
                }

                if (!parse.GetValue(watch))
                {
                    StatusText.Write(output, view);
                    return ExitCodes.Ok;
                }

                var interactive = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
                return await SweepWatch.RunAsync(source, view, output, interactive, Interval(parse.GetValue(interval)), cancellation);
            }
            catch (CliFailure error)
            {
                parse.InvocationConfiguration.Error.WriteLine($"sweep status: {error.Message}");
                return error.ExitCode;
            }
        });
        return command;
    }

    /// <summary><c>--watch --json</c>: one compact JSON view per line whenever it changed, for scripts that follow a sweep.</summary>
    private static async Task<int> JsonWatchAsync(ISweepSource source, SweepViews.SweepStatusView view, TextWriter output, TimeSpan interval,
        CancellationToken cancellation)
    {
        // A change is anything but the clock: the time of the look and the ETAs that count down with it.
        string Line(SweepViews.SweepStatusView current) => JsonSerializer.Serialize(
            current with { At = default, Running = [.. current.Running.Select(job => job with { EtaSeconds = null })] }, ApiJson.Options);
        var last = Line(view);
        output.WriteLine(JsonSerializer.Serialize(view, ApiJson.Options));
        try
        {
            while (!view.Done)
            {
                await Task.Delay(interval, cancellation);
                try
                {
                    view = await source.StatusAsync(view.Id, cancellation);
                }
                catch (CliFailure error) when (error.ExitCode != ExitCodes.InvalidInput)
                {
                    continue;
                }

                if (Line(view) != last)
                {
                    last = Line(view);
                    output.WriteLine(JsonSerializer.Serialize(view, ApiJson.Options));
                    output.Flush();
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }

        return view.EndedWithFailures ? ExitCodes.JobsFailed : ExitCodes.Ok;
    }

    private static TimeSpan Interval(double seconds) => TimeSpan.FromSeconds(Math.Clamp(seconds, 0.05, 3600));

    private static int Write(TextWriter output, string text)
    {
        output.WriteLine(text);
        return ExitCodes.Ok;
    }
}
