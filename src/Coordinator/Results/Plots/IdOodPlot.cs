using ScottPlot;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// Draws an <see cref="IdOodChart"/>: x mean ID-val accuracy, y mean OOD accuracy (both %, over replicates); each
/// method's chosen setting a large point with ±1 std error bars on both axes, labelled with its method (the legend names
/// its setting and replicates); every other setting a small faded point in its method's colour, so the spread of a
/// sweep is visible behind its choices.
/// </summary>
public static class IdOodPlot
{
    public static Plot Render(IdOodChart chart, string sweep)
    {
        var plot = ChartStyle.Create($"{sweep}: {chart.Dataset} / {chart.Model}\nID val vs OOD accuracy on {chart.OodSet}",
            ChartMetrics.AxisLabel(ResultAggregator.IdMetric), ChartMetrics.AxisLabel(chart.OodSet));
        foreach (var method in chart.Others.GroupBy(point => point.Method))
        {
            double[] xs = [.. method.Select(point => point.Id.Mean)];
            double[] ys = [.. method.Select(point => point.Ood.Mean)];
            var faded = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8, ChartStyle.MethodColor(method.Key).WithAlpha(0.35));
            faded.LegendText = $"{method.Key}: other settings";
        }

        foreach (var point in chart.Chosen)
        {
            var color = ChartStyle.MethodColor(point.Method);
            double[] idError = [point.Id.Std ?? 0], oodError = [point.Ood.Std ?? 0];
            var bars = new ScottPlot.Plottables.ErrorBar([point.Id.Mean], [point.Ood.Mean], idError, idError, oodError, oodError);
            plot.Add.Plottable(bars);
            bars.Color = color;
            bars.LineWidth = 1.5f;
            var marker = plot.Add.Marker(point.Id.Mean, point.Ood.Mean, MarkerShape.FilledCircle, 14, color);
            marker.LegendText = $"{point.Label} (chosen, n={Math.Min(point.Id.N, point.Ood.N)})";
            var label = plot.Add.Text(point.Method, point.Id.Mean, point.Ood.Mean);
            label.LabelFontName = PlotFonts.Regular;
            label.LabelFontSize = ChartStyle.LegendSize;
            label.LabelFontColor = color;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 9;
            label.OffsetY = -9;
        }

        if (chart.Points.Count == 0)
        {
            ChartStyle.Note(plot, "no setting measured both ID val and this OOD set");
            plot.Axes.SetLimits(0, 100, 0, 100);
        }

        ChartStyle.Legend(plot, Edge.Right);
        plot.Axes.Margins(0.15, 0.15);
        return plot;
    }
}
