using ScottPlot.TickGenerators;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// A log-scale axis the ScottPlot way: values are plotted as log10(value) and the ticks are labelled with the values
/// themselves. Zero and negative values have no place on it and are dropped by the callers.
/// </summary>
public static class LogAxis
{
    /// <summary>
    /// Ticks at 1, 2 and 5 × 10^k inside [<paramref name="min"/>, <paramref name="max"/>] (decades only past four
    /// decades); with fewer than three such values, the two ends as well, so that a short range still reads.
    /// </summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max)
    {
        if (!(min > 0) || !(max >= min))
        {
            return [];
        }

        var (low, high) = ((int)Math.Floor(Math.Log10(min)), (int)Math.Ceiling(Math.Log10(max)));
        double[] steps = high - low > 4 ? [1] : [1, 2, 5];
        // A relative tolerance so that 0.1 counts as inside [0.1, 1] despite rounding in Math.Pow.
        var ticks = Enumerable.Range(low, high - low + 1)
            .SelectMany(exponent => steps.Select(step => step * Math.Pow(10, exponent)))
            .Where(value => value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)).ToList();
        if (ticks.Count < 3)
        {
            foreach (var end in new[] { min, max }.Where(end => !ticks.Any(tick => Math.Abs(tick - end) <= end * 1e-9)))
            {
                ticks.Add(end);
            }

            ticks.Sort();
        }

        return ticks;
    }

    /// <summary>A tick generator with a major tick at log10 of each value, labelled with the value.</summary>
    public static NumericManual Ticks(IEnumerable<double> values)
    {
        var ticks = new NumericManual();
        foreach (var value in values.Where(value => value > 0).Distinct().Order())
        {
            ticks.AddMajor(Math.Log10(value), ChartStyle.Number(value));
        }

        return ticks;
    }
}
