using Daft.Coordinator.Cli.Data;
using Daft.Coordinator.Jobs;
using Daft.Datasets.Fetch;
using Daft.Datasets.Sources;
using Daft.Shared.Datasets;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// Before <c>daft run</c> starts a cluster: every built-in dataset its jobs read is fetched if missing (and checked if
/// present), so a fresh machine needs no separate <c>daft data fetch</c>. Data that cannot be downloaded stops the run
/// before any job starts, with the instructions <c>daft data fetch</c> gives.
/// </summary>
internal static class SweepData
{
    public static async Task<bool> EnsureAsync(SweepPlan plan, TextWriter output, TextWriter progress, CancellationToken cancellation)
    {
        var wanted = plan.Jobs
            .Select(job => (Dataset: DatasetConfigs.Find(job.Spec.Dataset), Root: job.Spec.ResolveDataRoot()))
            .Where(pair => pair.Dataset is not null)
            .GroupBy(pair => Path.GetFullPath(pair.Root));
        var ready = true;
        foreach (var group in wanted)
        {
            var sources = group.SelectMany(pair => pair.Dataset!.Sources).Distinct()
                .Select(name => SourceCatalog.Find(name)).OfType<DataSource>().Distinct().ToList();
            if (sources.Count == 0)
            {
                continue;
            }

            var outcomes = await DataFetching.FetchAsync(sources, group.Key, new FetchOptions(MirrorFromEnvironment()), progress, cancellation);
            foreach (var outcome in outcomes.Where(outcome => outcome.Status != FetchStatus.Present))
            {
                output.WriteLine($"data {outcome.Source.Name} under {group.Key}: {DataFetching.Describe(outcome)}");
            }

            ready &= outcomes.All(DataFetching.InPlace);
        }

        return ready;
    }

    private static string? MirrorFromEnvironment() =>
        Environment.GetEnvironmentVariable(FetchOptions.MirrorVariable) is { Length: > 0 } mirror ? mirror : null;
}
