using Daft.Coordinator.Jobs;
using Daft.Coordinator.Results;

namespace Daft.Coordinator.Farm.Local;

/// <summary>A job in a few words for live views: "lp_ft digits_shift small_cnn lr=0.001 run 1".</summary>
public static class JobLabel
{
    public static string Of(PlannedJob job)
    {
        var spec = job.Spec;
        var hyper = LedgerResultRows.Hyper(spec) is { Length: > 0 } text ? " " + text : "";
        var model = job.Tags.TryGetValue("model", out var label) ? label : spec.Backbone;
        return $"{spec.Method.Name} {spec.Dataset} {model}{hyper} run {spec.RunNum}";
    }
}
