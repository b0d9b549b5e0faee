using System.CommandLine;
using Daft.Coordinator.Api;
using Daft.Coordinator.Farm.Hosting;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;
using Daft.Shared.Logging;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// <c>daft serve</c>: a coordinator for a real cluster. It listens for nodes (<c>daft-node serve --seed HOST:PORT</c>),
/// dispatches every open job of its ledger, and starts sweeps submitted to that ledger (<c>daft sweep submit</c>).
/// Runs until SIGTERM or Ctrl-C, then leaves the cluster cleanly. Beside it, the HTTP API (<see cref="ApiServer"/>) on
/// <c>--api-host</c>:<c>--api-port</c> (127.0.0.1:4080 by default; <c>--api-port 0</c>: none).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var farm = new FarmOptions();
        var host = new Option<string>("--host") { Description = "Address to listen on ($DAFT_HOST).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DAFT_HOST") ?? "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Cluster port ($DAFT_PORT).", DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable("DAFT_PORT"), out var p) ? p : FarmEndpoint.DefaultPort };
        var publicHost = new Option<string?>("--public-host") { Description = "Name nodes reach this coordinator by, when not --host (a pod's DNS name; $DAFT_PUBLIC_HOST).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DAFT_PUBLIC_HOST") };
        var seeds = new Option<string[]>("--seed") { Description = "Coordinator seeds HOST:PORT, the same list on every member ($DAFT_SEEDS, comma-separated); default: this coordinator itself.", AllowMultipleArgumentsPerToken = true };
        var stableAfter = new Option<double>("--stable-after") { Description = "Seconds the split-brain resolver waits before downing unreachable members.", DefaultValueFactory = _ => 10 };
        var logging = new LogOptions();
        var command = new Command("serve", "Run a coordinator: nodes join it with `daft-node serve --seed HOST:PORT`; it runs the sweeps submitted to its ledger.\n\nExamples:\n  daft serve\n  daft serve --host 10.0.0.1 --db postgres://daft:secret@db:5432/daft --log-format json\n  DAFT_API_TOKEN=$(cat token) daft serve --host 10.0.0.1 --api-host 0.0.0.0")
        {
            host, port, publicHost, seeds, stableAfter,
        };
        farm.AddTo(command);
        logging.AddTo(command);
        var api = new ApiHostOptions(ApiEnvironment.DefaultPort);
        api.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            ApiSettings? apiSettings;
            try
            {
                apiSettings = api.Settings(parse);
            }
            catch (ApiConfigurationException error)
            {
                parse.InvocationConfiguration.Error.WriteLine($"serve: {error.Message}");
                return ExitCodes.InvalidInput;
            }

            await using var log = FarmLogging.Create(logging.Settings(parse), FarmLogging.Coordinator, parse.InvocationConfiguration.Output);
            Serilog.Log.Logger = log; // what Akka logs while its system shuts down (SerilogFallbackLogger)
            var self = $"{parse.GetValue(publicHost) ?? parse.GetRequiredValue(host)}:{parse.GetValue(port)}";
            var seedList = FarmEndpoint.SeedsFrom(parse.GetValue(seeds), fallback: self);
            using var opened = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
            var metrics = apiSettings is null ? null : new ApiMetrics();
            var ledger = metrics is null ? opened : new MeasuredLedger(opened, metrics.LedgerWrites);
            var endpoint = new FarmEndpoint(parse.GetRequiredValue(host), parse.GetValue(port), parse.GetValue(publicHost), seedList,
                TimeSpan.FromSeconds(parse.GetValue(stableAfter)));
            using var coordinator = CoordinatorHost.Build(endpoint, ledger, farm.Dispatch(parse), log, intake: TimeSpan.FromSeconds(2));
            await coordinator.StartAsync(cancellation);
            log.Information("coordinator at {Address} (seeds {Seeds}), ledger {Ledger}", coordinator.SelfAddress(), string.Join(", ", seedList), ledger.Description);
            log.Information("nodes join with: daft-node serve --seed {Seed}", self);
            ApiServer? server = null;
            if (apiSettings is not null)
            {
                try
                {
                    server = await ApiHosting.StartAsync(apiSettings, ledger, coordinator.Services, metrics!, parse.InvocationConfiguration.Output, cancellation);
                }
                catch (IOException error)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"serve: the HTTP API cannot listen on {apiSettings.Address}:{apiSettings.Port}: {error.Message}");
                    await coordinator.StopAsync(CancellationToken.None);
                    return ExitCodes.InvalidInput;
                }
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
                log.Information("stopping: leaving the cluster");
            }

            if (server is not null)
            {
                await server.DisposeAsync();
            }

            await coordinator.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }
}
