using System.CommandLine;
using Daft.Datasets.Fetch;
using Daft.Datasets.Sources;

namespace Daft.Coordinator.Cli.Data;

/// <summary>
/// <c>daft data fetch NAME...</c>: downloads (or builds) what is missing, verifies checksums, unpacks and checks the
/// layout; prints where to get what cannot be downloaded. Exit 0 when everything asked for is in place.
/// </summary>
internal static class DataFetchCommand
{
    public static Command Create()
    {
        var names = DataCommand.NamesArgument("fetch");
        var dataRoot = DataCommand.DataRootOption();
        var mirror = new Option<string?>("--mirror")
        {
            Description = $"Take files from this URL or folder (each under its file name) instead of the publishers' (default: ${FetchOptions.MirrorVariable}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(FetchOptions.MirrorVariable) is { Length: > 0 } m ? m : null,
        };
        var keep = new Option<bool>("--keep-archives") { Description = "Keep downloaded archives in DATA_ROOT/.downloads after unpacking." };
        var command = new Command("fetch", "Download, verify and unpack datasets; say where to get those that cannot be downloaded.")
        {
            names, dataRoot, mirror, keep,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (DataNames.Resolve(parse.GetRequiredValue(names), "fetch", error) is not { } sources)
                return ExitCodes.InvalidInput;
            var root = Path.GetFullPath(parse.GetRequiredValue(dataRoot));
            var options = new FetchOptions(parse.GetValue(mirror), KeepArchives: parse.GetValue(keep));
            var progress = new ConsoleProgress(error, interactive: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
            using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("daft-data-fetch/0.1");
            var context = new FetchContext(root, new Downloader(http, progress, options), progress, options);
            var outcomes = await Fetcher.FetchAsync(sources, context, cancellation);
            foreach (var outcome in outcomes)
                output.WriteLine($"{outcome.Source.Name}: {Describe(outcome)}");
            return outcomes.All(o => o.Status is FetchStatus.Present or FetchStatus.Fetched) ? ExitCodes.Ok : ExitCodes.DataMissing;
        });
        return command;
    }

    static string Describe(FetchOutcome outcome) => outcome.Status switch
    {
        FetchStatus.Present => "present",
        FetchStatus.Fetched => "fetched",
        FetchStatus.Manual => "cannot be downloaded by Daft. " + outcome.Detail + $" Then run `daft data check {outcome.Source.Name}`.",
        _ => "FAILED: " + outcome.Detail,
    };
}
