using System.CommandLine;
using Daft.Datasets.Fetch;

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
        var command = new Command("fetch", "Download, verify and unpack datasets; say where to get those that cannot be downloaded.\n\nExamples:\n  daft data fetch digits-shift\n  daft data fetch cifar10 --mirror /mnt/mirror")
        {
            names, dataRoot, mirror, keep,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (DataNames.Resolve(parse.GetRequiredValue(names), "fetch", error) is not { } sources)
                return ExitCodes.InvalidInput;
            var options = new FetchOptions(parse.GetValue(mirror), KeepArchives: parse.GetValue(keep));
            var outcomes = await DataFetching.FetchAsync(sources, parse.GetRequiredValue(dataRoot), options, error, cancellation);
            foreach (var outcome in outcomes)
                output.WriteLine($"{outcome.Source.Name}: {DataFetching.Describe(outcome)}");
            return outcomes.All(DataFetching.InPlace) ? ExitCodes.Ok : ExitCodes.DataMissing;
        });
        return command;
    }
}
