using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Sweep;
using Daft.Coordinator.Farm.Local;

namespace Daft.Coordinator.Cli.Views;

/// <summary>
/// <c>daft nodes [--json]</c>: the devices of the live cluster, what each runs, and how busy each has been since it
/// joined. Only the coordinator knows this (it is not in the ledger), so it asks the coordinator's HTTP API
/// (<c>--api</c>, default <c>$DAFT_API</c>, else http://127.0.0.1:4080); when nothing answers there it says so and exits
/// <see cref="ExitCodes.CoordinatorUnreachable"/>.
/// </summary>
internal static class NodesCommand
{
    public static Command Create()
    {
        var api = new ApiClientOptions();
        var json = new Option<bool>("--json") { Description = "Write the nodes as JSON (the shape of GET /api/nodes)." };
        var command = new Command("nodes", $"""
            Show the devices of the live cluster: what each runs (job, label, since when, epoch), and its utilisation (the fraction of the time since it joined that it was busy) and jobs done.
            Asks the coordinator's HTTP API (default ${ApiEnvironment.UrlVariable}, else {ApiEnvironment.DefaultUrl}); exits {ExitCodes.CoordinatorUnreachable} when it cannot be reached.

            Examples:
              daft nodes
              daft nodes --api http://10.0.0.1:4080 --token "$(cat token)"
              daft nodes --json | jq '.nodes[].devices[] | select(.state == "idle") | .device'
            """)
        {
            json,
        };
        api.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                using var client = api.Client(parse, fallback: ApiEnvironment.DefaultUrl)!;
                NodesView nodes;
                try
                {
                    nodes = await client.GetAsync<NodesView>("api/nodes", cancellation);
                }
                catch (ApiCallException error)
                {
                    // Nothing to look up by name here: every failure is the coordinator's (or its address's).
                    throw new CliFailure(ExitCodes.CoordinatorUnreachable, error.Message);
                }

                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(nodes, ApiJson.Indented));
                }
                else
                {
                    Write(output, nodes, client.BaseAddress);
                }

                return ExitCodes.Ok;
            }
            catch (CliFailure error)
            {
                parse.InvocationConfiguration.Error.WriteLine($"nodes: {error.Message}");
                return error.ExitCode;
            }
        });
        return command;
    }

    private static void Write(TextWriter output, NodesView view, Uri api)
    {
        var devices = view.Nodes.SelectMany(node => node.Devices.Select(device => (node.Node, Device: device))).ToList();
        var ended = string.Join(", ", view.Ended.Select(pair => $"{pair.Value} {pair.Key}"));
        output.WriteLine($"{view.Nodes.Length} nodes, {devices.Count} devices ({devices.Count(pair => pair.Device.State == "busy")} busy) at {api}; " +
                         $"{view.OpenJobs} open jobs, {view.Queued} queued; ended since the coordinator started: {(ended.Length > 0 ? ended : "none")}");
        if (devices.Count == 0)
        {
            output.WriteLine("no node has joined (start one with: daft-node serve --seed COORDINATOR:4053)");
            return;
        }

        output.WriteLine();
        TextTable.Write(output, ["node", "device", "kind", "state", "job", "label", "since", "epoch", "busy", "done"],
        [
            .. devices.Select(pair => (IReadOnlyList<string>)
            [
                ProgressDisplay.Short(pair.Node), pair.Device.Device, pair.Device.MemoryMb > 0 ? $"{pair.Device.Kind} {pair.Device.MemoryMb / 1024.0:0.#}G" : pair.Device.Kind,
                pair.Device.State, pair.Device.JobId ?? "-", pair.Device.Label ?? "-",
                pair.Device.Since is { } since ? since.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "-",
                pair.Device is { Epoch: { } epoch, Epochs: > 0 and var epochs } ? $"{epoch}/{epochs}" : pair.Device.Phase ?? "-",
                $"{pair.Device.Utilisation * 100:0}%", pair.Device.JobsDone.ToString(CultureInfo.InvariantCulture),
            ]),
        ], new HashSet<int> { 8, 9 });
    }
}
