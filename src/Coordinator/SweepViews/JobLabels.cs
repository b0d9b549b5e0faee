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
    public static string Of(StoredJob job)
    {
        var model = job.Tags.TryGetValue("model", out var tag) ? tag : job.Backbone;
        string hyper;
        try
        {
            hyper = LedgerResultRows.Hyper(JobSpecLoader.Parse(job.SpecYaml, $"ledger:{job.Id}"));
        }
        catch (ConfigException)
        {
            hyper = "";
        }

        return $"{job.Method} {job.Dataset} {model}{(hyper.Length > 0 ? " " + hyper : "")} run {job.RunNum}";
    }
}
