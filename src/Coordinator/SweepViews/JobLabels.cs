using System.Collections.Concurrent;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;
using Daft.Shared.Specs;

namespace Daft.Coordinator.SweepViews;

/// <summary>
/// A stored job in a few words, as the live view of <c>daft run</c> labels a planned one: "lp_ft digits_shift small_cnn
/// lr=0.001 run 1" (the sweep's <c>model</c> tag when it has one, else the backbone). The learning rates come from the
/// stored spec; a spec this version cannot read any more is labelled without them rather than not at all.
/// </summary>
public static class JobLabels
{
    // A job's id is the hash of its spec (JobIdentity), so what one id's spec says never changes: each spec is read once
    // per process. A status view labels every running and failed job on every poll (the API, `sweep status --watch`),
    // and parsing the YAML was most of that view's time at 100,000 jobs (about 1 ms a spec on 2 busy cores; BENCHMARKS.md).
    // Bounded, as a coordinator runs for weeks: past this many ids it starts again.
    private const int MaxCached = 100_000;
    private static readonly ConcurrentDictionary<string, string> HyperById = new(StringComparer.Ordinal);

    public static string Of(StoredJob job)
    {
        var model = job.Tags.TryGetValue("model", out var tag) ? tag : job.Backbone;
        if (!HyperById.TryGetValue(job.Id, out var hyper))
        {
            hyper = Hyper(job);
            if (HyperById.Count >= MaxCached)
            {
                HyperById.Clear();
            }

            HyperById[job.Id] = hyper;
        }

        return $"{job.Method} {job.Dataset} {model}{(hyper.Length > 0 ? " " + hyper : "")} run {job.RunNum}";
    }

    private static string Hyper(StoredJob job)
    {
        try
        {
            return LedgerResultRows.Hyper(JobSpecLoader.Parse(job.SpecYaml, $"ledger:{job.Id}"));
        }
        catch (ConfigException)
        {
            return "";
        }
    }
}
