using System.Globalization;
using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Farm.Local;

/// <summary>A job in a few words for live views: "lp_ft digits_shift small_cnn lr=0.001 run 1".</summary>
public static class JobLabel
{
    public static string Of(PlannedJob job)
    {
        var spec = job.Spec;
        var hyper = spec.Method switch
        {
            FineTuneSpec ft => $" lr={Number(ft.Lr)}",
            LpFtSpec lpFt => $" lr={Number(lpFt.Lr)}",
            DaftSpec daft => $" lr={Number(daft.Lr)} head_lr={Number(daft.HeadLr)}",
            _ => "",
        };
        var model = job.Tags.TryGetValue("model", out var label) ? label : spec.Backbone;
        return $"{spec.Method.Name} {spec.Dataset} {model}{hyper} run {spec.RunNum}";
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
