using System.Globalization;
using ScottPlot;

namespace Daft.Coordinator.Results.Plots;

/// <summary>What every plot shares: its size in pixels, text sizes, the colours of methods and curves, number formats.</summary>
public static class ChartStyle
{
    /// <summary>Width and height of the single-panel plots (accuracy vs LR, ID vs OOD), in pixels.</summary>
    public const int Width = 1000, Height = 650;

    /// <summary>Height of the three-panel per-epoch plot (loss, accuracy, learning rate).</summary>
    public const int EpochHeight = 1100;

    /// <summary>Point sizes: title, axis labels, tick labels, legend.</summary>
    public const float TitleSize = 18, LabelSize = 15, TickSize = 13, LegendSize = 13;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>The fixed colour of a method, so ft, lp, lp_ft and daft look the same in every plot.</summary>
    public static Color MethodColor(string method) => method switch
    {
        "lp" => Palette.GetColor(0),
        "ft" => Palette.GetColor(1),
        "lp_ft" => Palette.GetColor(2),
        "daft" => Palette.GetColor(3),
        _ => Palette.GetColor(4 + (int)(StableHash(method) % 6)),
    };

    /// <summary>The <paramref name="index"/>-th colour of the palette (curves of one job).</summary>
    public static Color Nth(int index) => Palette.GetColor(index);

    /// <summary>A new plot with the embedded fonts, the sizes above, a title and axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        PlotFonts.Apply(plot);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    /// <summary>
    /// The legend beside the axes on <paramref name="edge"/>, when anything has a legend entry: ScottPlot renders a plot
    /// whose edge legend is empty as a blank image.
    /// </summary>
    public static void Legend(Plot plot, Edge edge)
    {
        if (plot.GetPlottables().SelectMany(plottable => plottable.LegendItems).Any(item => !string.IsNullOrEmpty(item.LabelText)))
        {
            plot.ShowLegend(edge);
        }
    }

    /// <summary>A note in the middle of the data area, for a plot with nothing to show.</summary>
    public static void Note(Plot plot, string text)
    {
        var note = plot.Add.Annotation(text, Alignment.MiddleCenter);
        note.LabelStyle.FontName = PlotFonts.Regular;
        note.LabelStyle.FontSize = LabelSize;
    }

    /// <summary>A learning rate or C as written in sweep files: 0.001, 1e-05, 0.3.</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>"92.0 ± 2.0 (n=3)", "92.0 (n=1)".</summary>
    public static string Describe(Spread spread) => spread.Std is { } std
        ? string.Create(CultureInfo.InvariantCulture, $"{spread.Mean:F1} ± {std:F1} (n={spread.N})")
        : string.Create(CultureInfo.InvariantCulture, $"{spread.Mean:F1} (n={spread.N})");

    private static uint StableHash(string text) => text.Aggregate(2166136261u, (hash, c) => unchecked((hash ^ c) * 16777619u));
}
