using ScottPlot;
using SkiaSharp;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// The typefaces plots draw text with: DejaVu Sans and DejaVu Sans Bold, subset and embedded in daft
/// (<c>Fonts/</c>, made by tools/make_plot_fonts.sh). Without them a machine with no system fonts — a fresh Debian or
/// CI image: SkiaSharp's NoDependencies build finds none — renders plots with no text at all. Registered once as
/// ScottPlot font resolvers under names of their own, so no system font is ever asked for.
/// </summary>
public static class PlotFonts
{
    /// <summary>The family name plots use for all text but titles.</summary>
    public const string Regular = "Daft DejaVu Sans";

    /// <summary>The family name of titles.</summary>
    public const string Bold = "Daft DejaVu Sans Bold";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(Register);

    /// <summary>The embedded regular typeface (loads and registers both on first use).</summary>
    public static SKTypeface RegularTypeface => Typefaces.Value.Regular;

    /// <summary>The embedded bold typeface.</summary>
    public static SKTypeface BoldTypeface => Typefaces.Value.Bold;

    /// <summary>Sets every text of <paramref name="plot"/> in the embedded regular face, its title in the bold one.</summary>
    public static void Apply(Plot plot)
    {
        var (_, bold) = Typefaces.Value;
        plot.Font.Set(Regular);
        // Font.Set gives every label its typeface object, which then wins over a later FontName: set the title's too.
        plot.Axes.Title.Label.FontName = Bold;
        plot.Axes.Title.Label.Font = bold;
        plot.Legend.FontName = Regular;
        // ScottPlot would otherwise look for a system font that covers the legend's characters on each render.
        plot.Legend.SetBestFontOnEachRender = false;
    }

    private static (SKTypeface, SKTypeface) Register()
    {
        var regular = Load("DejaVuSans.subset.ttf");
        var bold = Load("DejaVuSans-Bold.subset.ttf");
        lock (Fonts.FontResolvers)
        {
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(regular, bold));
        }

        // Plottables added after Apply (texts, notes) start from ScottPlot's default font, which is a system one.
        Fonts.Default = Regular;

        return (regular, bold);
    }

    private static SKTypeface Load(string name)
    {
        var resource = $"plot-fonts/{name}";
        using var stream = typeof(PlotFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"font {resource} is not embedded in {typeof(PlotFonts).Assembly.GetName().Name}");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"font {resource} does not load");
    }

    /// <summary>Answers for the two names above and nothing else (every other name falls through to ScottPlot's resolvers).</summary>
    private sealed class EmbeddedFontResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) => Resolve(fontName);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Resolve(fontName);

        private SKTypeface? Resolve(string fontName) => fontName switch
        {
            Regular => regular,
            Bold => bold,
            _ => null,
        };
    }
}
