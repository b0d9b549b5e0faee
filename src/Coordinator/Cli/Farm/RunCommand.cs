using System.CommandLine;
using Daft.Coordinator.Api;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Sweeps;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// <c>daft run SWEEP.yaml</c>: local mode. Records the sweep in the ledger, starts a coordinator in this process and
/// <c>daft-node</c> processes on 127.0.0.1, shows the sweep live until every job has ended, and prints the results.
/// Run again, it finds the finished jobs in the ledger and runs only what is missing. While it runs, the HTTP API listens
/// on <c>--api-host</c>:<c>--api-port</c> (127.0.0.1:4080 unless taken; <c>--api-port 0</c>: none), so that
/// <c>daft nodes</c> and <c>daft sweep status --api</c> can follow it.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var farm = new FarmOptions();
        var file = new Argument<string>("sweep") { Description = "The sweep file (configs/sweeps/*.yaml)." };
        var nodes = new Option<int>("--nodes") { Description = "daft-node processes to start on this machine.", DefaultValueFactory = _ => 1 };
        var devices = new Option<string>("--devices") { Description = "Devices each node serves: auto (every CUDA device, else one CPU slot with all cores), cpu:N (N slots sharing the cores), cpu:NxT, cuda, cuda:0,cuda:1.", DefaultValueFactory = _ => "auto" };
        var executor = new Option<string>("--executor") { Description = "How nodes run jobs: process (a child process per job), in-process, or noop (no training: measures the farm's own overhead).", DefaultValueFactory = _ => "process" };
        var noFetch = new Option<bool>("--no-fetch") { Description = "Do not fetch missing datasets first (jobs whose data is missing then fail)." };
        var nodeArguments = new Option<string[]>("--node-arg") { Description = "An extra argument for every daft-node serve (repeat the option).", Hidden = true };
        var command = new Command("run", "Run a sweep on this machine (a coordinator and daft-node processes on 127.0.0.1) and print its results.\n\nExamples:\n  daft run configs/sweeps/digits-shift.yaml --devices cpu:2\n  daft run configs/sweeps/digits-shift-lr.yaml --nodes 2 --devices cpu:1\n  daft run configs/sweeps/tiny.yaml --executor in-process --home /tmp/farm")
        {
            file, nodes, devices, executor, noFetch, nodeArguments,
        };
        farm.AddTo(command);
        var api = new ApiHostOptions(ApiEnvironment.DefaultPort);
        api.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            ApiSettings? apiSettings;
            try
            {
                apiSettings = api.Settings(parse);
            }
            catch (ApiConfigurationException error)
            {
                stderr.WriteLine($"run: {error.Message}");
                return ExitCodes.InvalidInput;
            }

            SweepPlan plan;
            try
            {
                plan = SweepLoader.Load(parse.GetRequiredValue(file));
            }
            catch (ConfigException error)
            {
                stderr.WriteLine(error.Message);
                return ExitCodes.InvalidInput;
            }

            if (!parse.GetValue(noFetch) && !await SweepData.EnsureAsync(plan, output, stderr, cancellation))
            {
                stderr.WriteLine("run: data the sweep needs is missing (see above); nothing was started");
                return ExitCodes.DataMissing;
            }

            var home = farm.HomeOf(parse);
            using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), home);
            var options = new LocalFarmOptions(home, Math.Max(1, parse.GetValue(nodes)), parse.GetRequiredValue(devices),
                parse.GetRequiredValue(executor), farm.Dispatch(parse), TimeSpan.FromSeconds(5),
                Interactive: !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out))
            {
                NodeArguments = parse.GetValue(nodeArguments) ?? [],
                Api = apiSettings,
            };
            try
            {
                await LocalFarm.RunAsync(plan, ledger, options, output, cancellation);
            }
            catch (FileNotFoundException error)
            {
                stderr.WriteLine($"run: {error.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (InvalidOperationException error)
            {
                stderr.WriteLine($"run: {error.Message}");
                return ExitCodes.JobsFailed;
            }

            return SweepReport.Write(output, ledger, plan);
        });
        return command;
    }
}
