using System.Globalization;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// Reads a hyperparameter group's text as <see cref="LedgerResultRows.Hyper"/> writes it ("lr=0.001 head_lr=0.1") back
/// into its names and values, to put the learning rate on an axis and name the rest in a legend.
/// </summary>
public static class Hyperparameters
{
    /// <summary>The hyperparameter on the x axis of an accuracy-vs-LR plot: the feature extractor's learning rate.</summary>
    public const string LearningRate = "lr";

    /// <summary>The pairs in order; "" (LP) gives none.</summary>
    /// <exception cref="FormatException">A part is not NAME=NUMBER.</exception>
    public static IReadOnlyList<(string Name, double Value)> Parse(string hyper) =>
    [
        .. hyper.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('=') is [var name, var value]
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? (name, number)
                : throw new FormatException($"hyperparameter '{part}' of '{hyper}' is not NAME=NUMBER")),
    ];

    /// <summary>The learning rate of <paramref name="hyper"/>, and the text of every other pair ("head_lr=0.1"; "" when none).</summary>
    public static (double? Lr, string Others) SplitLearningRate(string hyper)
    {
        var parts = hyper.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lr = Parse(hyper).Where(pair => pair.Name == LearningRate).Select(pair => (double?)pair.Value).FirstOrDefault();
        return (lr, string.Join(' ', parts.Where(part => !part.StartsWith(LearningRate + "=", StringComparison.Ordinal))));
    }
}
