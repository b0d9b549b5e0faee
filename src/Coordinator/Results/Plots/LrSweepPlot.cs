using ScottPlot;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// Draws an <see cref="LrSweepChart"/>: x the learning rate on a log scale (a tick at every learning rate of the sweep),
/// y the metric's mean over replicates in percent with ±1 sample std error bars; one line per method (DAFT one per
/// head_lr, named in the legend), the chosen setting circled in black, methods without a learning rate (LP) as a dashed
/// horizontal line with a band of ±1 std. The legend names each line's replicates (n) and sits right of the axes.
/// Lines are moved sideways by <see cref="Dodge"/> decades each, so that error bars at one learning rate do not hide
/// each other; the ticks stay at the exact learning rates.
/// </summary>
public static class LrSweepPlot
{
    /// <summary>How far apart, in decades of learning rate, the lines are drawn at one learning rate (0.02: 5% in lr).</summary>
    public const double Dodge = 0.02;

    public static Plot Render(LrSweepChart chart, string sweep)
    {
        var plot = ChartStyle.Create($"{sweep}: {chart.Dataset} / {chart.Model}\n{ChartMetrics.Title(chart.Metric)} vs learning rate",
            "learning rate (log scale)", ChartMetrics.AxisLabel(chart.Metric));
        var lrs = chart.Series.SelectMany(series => series.Points).Select(point => point.Lr).Where(lr => lr > 0).ToList();
        plot.Axes.Bottom.TickGenerator = LogAxis.Ticks(lrs);
        var dashes = new[] { LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed };
        var shapes = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond };
        foreach (var (series, index) in chart.Series.Select((series, index) => (series, index)))
        {
            var points = series.Points.Where(point => point.Lr > 0).ToList();
            var color = ChartStyle.MethodColor(series.Method);
            double[] xs = [.. points.Select(point => Math.Log10(point.Lr) + Offset(index, chart.Series.Count))];
            double[] ys = [.. points.Select(point => point.Accuracy.Mean)];
            double[] errors = [.. points.Select(point => point.Accuracy.Std ?? 0)];
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            // Lines of one method (DAFT's head_lr values) share its colour and differ by dash and marker.
            var sibling = chart.Series.Take(index).Count(other => other.Method == series.Method);
            line.LinePattern = dashes[sibling % dashes.Length];
            line.MarkerShape = shapes[sibling % shapes.Length];
            line.LegendText = $"{series.Label} ({Replicates(points.Select(point => point.Accuracy))})";
            var bars = plot.Add.ErrorBar(xs, ys, errors);
            bars.Color = color;
            bars.LineWidth = 1.5f;
        }

        var chosen = chart.Series.SelectMany((series, index) => series.Points.Select(point => (Point: point, X: Math.Log10(point.Lr) + Offset(index, chart.Series.Count))))
            .Where(entry => entry.Point.Chosen && entry.Point.Lr > 0).Select(entry => (entry.Point.Accuracy, entry.X)).ToList();
        if (chosen.Count > 0)
        {
            double[] xs = [.. chosen.Select(point => point.X)];
            double[] ys = [.. chosen.Select(point => point.Accuracy.Mean)];
            var rings = plot.Add.Markers(xs, ys, MarkerShape.OpenCircle, 20, Colors.Black);
            rings.MarkerLineWidth = 2.5f;
            rings.LegendText = "chosen: best mean ID val";
        }

        foreach (var reference in chart.References)
        {
            var color = ChartStyle.MethodColor(reference.Method);
            if (reference.Accuracy.Std is { } std && std > 0)
            {
                var band = plot.Add.VerticalSpan(reference.Accuracy.Mean - std, reference.Accuracy.Mean + std);
                band.FillStyle.Color = color.WithAlpha(0.15);
                band.LineStyle.Width = 0;
            }

            var level = plot.Add.HorizontalLine(reference.Accuracy.Mean, 2, color, LinePattern.Dashed);
            level.LegendText = $"{reference.Method} (no LR; C chosen in the job; n={reference.Accuracy.N})";
        }

        if (chart.IsEmpty)
        {
            ChartStyle.Note(plot, "no succeeded job measured this metric");
            plot.Axes.SetLimitsY(0, 100);
        }

        ChartStyle.Legend(plot, Edge.Right);
        // Room for the chosen rings and the error bars at the ends of the axis.
        plot.Axes.Margins(0.08, 0.12);
        return plot;
    }

    /// <summary>The sideways shift, in decades, of the <paramref name="index"/>-th of <paramref name="count"/> lines, centred on zero.</summary>
    public static double Offset(int index, int count) => (index - (count - 1) / 2.0) * Dodge;

    /// <summary>"n=3", or "n=1–3" when the settings of a line have different numbers of succeeded replicates.</summary>
    public static string Replicates(IEnumerable<Spread> spreads)
    {
        var counts = spreads.Select(spread => spread.N).ToList();
        return counts.Count == 0 ? "n=0" : counts.Min() == counts.Max() ? $"n={counts[0]}" : $"n={counts.Min()}–{counts.Max()}";
    }
}
