using System.CommandLine;
using Daft.GpuNode.Farm;
using Daft.GpuNode.Farm.Execution;
using Daft.Shared.Data;
using Daft.Shared.Farm;
using Daft.Shared.Logging;

namespace Daft.GpuNode.Cli;

/// <summary>
/// <c>daft-node serve --seed HOST:PORT</c>: joins the farm and runs jobs, one per device, until SIGTERM or Ctrl-C
/// (then it drains and leaves). Every option has an environment variable, for containers.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var seeds = new Option<string[]>("--seed") { Description = "Coordinator(s) HOST:PORT to join, in the same order on every member ($DAFT_SEEDS, comma-separated). Default 127.0.0.1:4053.", AllowMultipleArgumentsPerToken = true };
        var host = new Option<string>("--host") { Description = "Address to listen on ($DAFT_HOST).", DefaultValueFactory = _ => Env("DAFT_HOST") ?? "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Cluster port; 0 = any free one ($DAFT_PORT).", DefaultValueFactory = _ => int.TryParse(Env("DAFT_PORT"), out var p) ? p : 0 };
        var publicHost = new Option<string?>("--public-host") { Description = "Name the coordinator reaches this node by, when not --host ($DAFT_PUBLIC_HOST).", DefaultValueFactory = _ => Env("DAFT_PUBLIC_HOST") };
        var devices = new Option<string>("--devices") { Description = "Devices to run jobs on: auto (every CUDA device, else one CPU slot), cuda, cuda:0,cuda:2, cpu:N (N slots sharing the cores), cpu:NxT (T threads each), or a comma list ($DAFT_DEVICES).", DefaultValueFactory = _ => Env("DAFT_DEVICES") ?? "auto" };
        var home = new Option<string?>("--home") { Description = $"Farm home: job folders (shared with the coordinator so LP-FT finds its LP head). Default ${FarmHome.Variable}, else ~/.local/share/daft." };
        var executor = new Option<string>("--executor") { Description = $"How jobs run: {string.Join(", ", JobExecutors.Names)} ($DAFT_EXECUTOR). process = a child daft-node per job (memory always released, a crash fails one job).", DefaultValueFactory = _ => Env("DAFT_EXECUTOR") ?? "process" };
        var heartbeat = new Option<double>("--heartbeat") { Description = "Seconds between heartbeats.", DefaultValueFactory = _ => 5 };
        var drain = new Option<string>("--drain") { Description = "On SIGTERM: hand-back (running jobs go back to the queue at once) or finish (let them finish within --drain-timeout).", DefaultValueFactory = _ => Env("DAFT_DRAIN") ?? "hand-back" };
        var drainTimeout = new Option<double>("--drain-timeout") { Description = "Seconds a draining node waits for its devices.", DefaultValueFactory = _ => 60 };
        var stableAfter = new Option<double>("--stable-after") { Description = "Seconds the split-brain resolver waits before downing unreachable members (same on every member).", DefaultValueFactory = _ => 10 };
        var name = new Option<string?>("--name") { Description = "A name for this node in its log (the Node property of every line; default the machine name)." };
        var logging = new LogOptions();
        var command = new Command("serve", "Join the farm and run jobs, one per device.")
        {
            seeds, host, port, publicHost, devices, home, executor, heartbeat, drain, drainTimeout, stableAfter, name,
        };
        logging.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            IReadOnlyList<NodeDevice> slots;
            IJobExecutor runner;
            LogSettings logSettings;
            try
            {
                slots = DeviceInventory.Parse(parse.GetRequiredValue(devices), Environment.ProcessorCount, GpuDiscovery.Discover);
                runner = JobExecutors.Create(parse.GetRequiredValue(executor));
                logSettings = logging.Settings(parse);
            }
            catch (ArgumentException error)
            {
                stderr.WriteLine($"serve: {error.Message}");
                return CliErrors.InputError;
            }

            var drainMode = parse.GetRequiredValue(drain);
            if (drainMode is not ("hand-back" or "finish"))
            {
                stderr.WriteLine($"serve: --drain must be hand-back or finish, not '{drainMode}'");
                return CliErrors.InputError;
            }

            var seedList = FarmEndpoint.SeedsFrom(parse.GetValue(seeds), fallback: $"127.0.0.1:{FarmEndpoint.DefaultPort}");
            var endpoint = new FarmEndpoint(parse.GetRequiredValue(host), parse.GetValue(port), parse.GetValue(publicHost), seedList,
                TimeSpan.FromSeconds(parse.GetValue(stableAfter)));
            var nodeName = parse.GetValue(name) ?? Environment.MachineName;
            var options = new NodeServeOptions(endpoint, slots, FarmHome.Resolve(parse.GetValue(home)), runner,
                new DeviceTimings(TimeSpan.FromSeconds(parse.GetValue(heartbeat))),
                new DrainPolicy(drainMode == "hand-back", TimeSpan.FromSeconds(parse.GetValue(drainTimeout))),
                CoordinatorGrace: TimeSpan.FromSeconds(3), nodeName);
            await using var log = FarmLogging.Create(logSettings, FarmLogging.Node, parse.InvocationConfiguration.Output, nodeName);
            Serilog.Log.Logger = log; // what Akka logs while its system shuts down (SerilogFallbackLogger)
            return await NodeServe.RunAsync(options, log, cancellation);
        });
        return command;
    }

    static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
