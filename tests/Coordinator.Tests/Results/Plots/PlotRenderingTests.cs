using Daft.Coordinator.Jobs;
using Daft.Coordinator.Results;
using Daft.Coordinator.Results.Plots;
using ScottPlot;

namespace Daft.Coordinator.Tests.Results.Plots;

/// <summary>The renderers draw data, text in the embedded font, at the stated size (no pixel snapshots).</summary>
public sealed class PlotRenderingTests
{
    private static readonly IReadOnlyList<ResultCell> Cells = ResultAggregator.Aggregate(
    [
        Row("ft", "lr=0.01", 1, 90, 70), Row("ft", "lr=0.01", 2, 92, 72), Row("ft", "lr=0.1", 1, 85, 75),
        Row("daft", "lr=0.01 head_lr=0.1", 1, 93, 68), Row("lp", "", 1, 88, 74),
    ]);

    private static ResultRow Row(string method, string hyper, int runNum, double idVal, double ood) =>
        new($"{method}{hyper}{runNum}", "digits_inverted", "small_cnn", method, hyper, runNum, JobState.Succeeded, null,
            new Dictionary<string, double> { ["id_val"] = idVal, ["digits"] = ood });

    private static byte[] Png(Plot plot) => plot.GetImageBytes(ChartStyle.Width, ChartStyle.Height, ImageFormat.Png);

    [Fact]
    public void Text_is_drawn_with_the_embedded_dejavu_subset_whatever_fonts_the_machine_has()
    {
        // The system's DejaVu Sans has thousands of glyphs; the embedded subset a few hundred.
        Assert.Equal("DejaVu Sans", PlotFonts.RegularTypeface.FamilyName);
        Assert.InRange(PlotFonts.RegularTypeface.GlyphCount, 200, 1000);
        Assert.InRange(PlotFonts.BoldTypeface.GlyphCount, 200, 1000);
        Assert.True(PlotFonts.RegularTypeface.ContainsGlyphs("accuracy (%) ± lr=0.001 head_lr α"));
        Assert.Same(PlotFonts.BoldTypeface, Fonts.GetTypeface(PlotFonts.Bold, bold: false, italic: false));
        var styled = ChartStyle.Create("title", "x", "y");
        Assert.Same(PlotFonts.BoldTypeface, styled.Axes.Title.Label.Font);
        Assert.Same(PlotFonts.RegularTypeface, styled.Axes.Bottom.Label.Font);

        // With the axes held 80 pixels down, the title is all that can be drawn above them: dark pixels there are its text.
        var chart = LrSweepSelection.Chart([.. Cells], "id_val");
        var titled = LrSweepPlot.Render(chart, "sweep");
        var untitled = LrSweepPlot.Render(chart, "sweep");
        untitled.Title("");
        foreach (var plot in new[] { titled, untitled })
        {
            plot.Layout.Fixed(new PixelPadding(80, 300, 60, 80));
        }

        Assert.InRange(PngFile.DarkPixels(Png(titled), 0, 75), 500, int.MaxValue);
        Assert.Equal(0, PngFile.DarkPixels(Png(untitled), 0, 75));
    }

    [Fact]
    public void Every_plot_with_data_differs_from_the_same_plot_without_and_has_the_stated_size()
    {
        var lr = LrSweepSelection.Chart([.. Cells], "digits");
        var scatter = IdOodSelection.Chart([.. Cells], "digits");

        var lrPng = Png(LrSweepPlot.Render(lr, "sweep"));
        var scatterPng = Png(IdOodPlot.Render(scatter, "sweep"));

        Assert.Equal((ChartStyle.Width, ChartStyle.Height), PngFile.Size(lrPng));
        Assert.Equal((ChartStyle.Width, ChartStyle.Height), PngFile.Size(scatterPng));
        var emptyLr = Png(LrSweepPlot.Render(lr with { Series = [], References = [] }, "sweep"));
        var emptyScatter = Png(IdOodPlot.Render(scatter with { Points = [] }, "sweep"));
        Assert.InRange(PngFile.DifferentShare(lrPng, emptyLr), 0.02, 1);
        Assert.InRange(PngFile.DifferentShare(scatterPng, emptyScatter), 0.02, 1);
        // An empty plot still has its title, axes and a note (ScottPlot draws nothing at all with an empty edge legend).
        Assert.All(new[] { emptyLr, emptyScatter }, png => Assert.InRange(PngFile.DarkPixels(png, 0, ChartStyle.Height), 3000, int.MaxValue));
    }
}
