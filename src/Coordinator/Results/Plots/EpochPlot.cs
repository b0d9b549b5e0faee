using ScottPlot;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// Draws an <see cref="EpochChart"/> as three panels sharing the epoch axis: losses (train and each evaluation set's
/// mean cross-entropy), accuracies in percent (train and each set, ID val first), and each parameter group's learning
/// rate on a log scale (the cosine schedule per epoch). The chosen epoch is a dotted vertical line in the first two.
/// </summary>
public static class EpochPlot
{
    public static Multiplot Render(EpochChart chart, string sweep, string label)
    {
        var losses = Panel($"{sweep}: {label}\nper-epoch curves of job {chart.JobId[..Math.Min(12, chart.JobId.Length)]} ({chart.Method})",
            "mean cross-entropy", chart.Losses, chart.ChosenEpoch);
        var accuracies = Panel("", "accuracy (%)", chart.Accuracies, chart.ChosenEpoch);
        var rates = Panel("", "learning rate (log scale)", chart.LearningRates, null, log: true);
        rates.XLabel("epoch", ChartStyle.LabelSize);
        var multiplot = new Multiplot(losses);
        multiplot.AddPlot(accuracies);
        multiplot.AddPlot(rates);

        multiplot.SharedAxes.ShareX([losses, accuracies, rates]);
        // The same padding in every panel keeps their data areas aligned whatever their tick labels and legends: room
        // on the left for the tick labels and the axis label, on the right for the legend, on top of the first for
        // its two-line title.
        losses.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, 35, 75));
        accuracies.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, 35, 15));
        rates.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, 60, 15));
        return multiplot;
    }

    /// <summary>Pixels left of every panel's data area (tick labels and the axis label) and right of it (the legend).</summary>
    private const float LeftPadding = 85, RightPadding = 260;

    private static Plot Panel(string title, string yLabel, IReadOnlyList<Curve> curves, int? chosen, bool log = false)
    {
        var plot = ChartStyle.Create(title, "", yLabel);
        foreach (var (curve, index) in curves.Select((curve, index) => (curve, index)))
        {
            var points = curve.Points.Where(point => !log || point.Value > 0).ToList();
            double[] xs = [.. points.Select(point => (double)point.Epoch)];
            double[] ys = [.. points.Select(point => log ? Math.Log10(point.Value) : point.Value)];
            var line = plot.Add.Scatter(xs, ys, ChartStyle.Nth(index));
            // The first curve drawn wider, so a later one on top of it (FT's two equal LR groups) leaves it visible.
            line.LineWidth = index == 0 ? 4 : 2;
            line.MarkerSize = 7;
            line.LegendText = curve.Label;
        }

        var epochs = curves.SelectMany(curve => curve.Points).Select(point => point.Epoch).Distinct().Order().ToList();
        if (epochs.Count > 0)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            // Every epoch up to 20, then every k-th so that about 20 labels remain.
            var every = Math.Max(1, (int)Math.Ceiling(epochs.Count / 20.0));
            foreach (var epoch in epochs.Where((_, position) => position % every == 0))
            {
                ticks.AddMajor(epoch, epoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            plot.Axes.Bottom.TickGenerator = ticks;
        }

        if (log)
        {
            var values = curves.SelectMany(curve => curve.Points).Select(point => point.Value).Where(value => value > 0).ToList();
            if (values.Count > 0)
            {
                plot.Axes.Left.TickGenerator = LogAxis.Ticks(LogAxis.NiceTicks(values.Min(), values.Max()));
            }
        }

        if (chosen is { } best && best > 0)
        {
            var line = plot.Add.VerticalLine(best, 1.5f, Colors.Black, LinePattern.Dotted);
            line.LegendText = "chosen: best ID val";
        }

        if (curves.All(curve => curve.Points.Count == 0))
        {
            ChartStyle.Note(plot, "no epoch recorded");
        }

        ChartStyle.Legend(plot, Edge.Right);
        plot.Axes.Margins(0.05, 0.1);
        return plot;
    }
}
