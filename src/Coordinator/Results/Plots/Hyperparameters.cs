using System.Globalization;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// Reads a hyperparameter group's text as <see cref="LedgerResultRows.Hyper(Daft.Shared.Specs.JobSpec)"/> writes it ("lr=0.001 head_lr=0.1") back
/// into its names and values, to put the learning rate on an axis and name the rest in a legend. The numbers are the
/// learning rates; the other settings (<c>lr_schedule=step</c>, <c>head_hidden=512,256</c>, <c>thaw=layer4@2</c>) are
/// text and only ever named.
/// </summary>
public static class Hyperparameters
{
    /// <summary>The hyperparameter on the x axis of an accuracy-vs-LR plot: the feature extractor's learning rate.</summary>
    public const string LearningRate = "lr";

    /// <summary>The numeric pairs in order (the text settings left out); "" (LP) gives none.</summary>
    /// <exception cref="FormatException">A part is not NAME=VALUE, or a learning rate's value is not a number.</exception>
    public static IReadOnlyList<(string Name, double Value)> Parse(string hyper)
    {
        var pairs = new List<(string, double)>();
        foreach (var part in hyper.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Split('=') is not [var name, var value] || name.Length == 0 || value.Length == 0)
            {
                throw new FormatException($"hyperparameter '{part}' of '{hyper}' is not NAME=VALUE");
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                pairs.Add((name, number));
            }
            else if (name.EndsWith(LearningRate, StringComparison.Ordinal))
            {
                throw new FormatException($"learning rate '{part}' of '{hyper}' is not a number");
            }
        }

        return pairs;
    }

    /// <summary>The learning rate of <paramref name="hyper"/>, and the text of every other pair ("head_lr=0.1"; "" when none).</summary>
    public static (double? Lr, string Others) SplitLearningRate(string hyper)
    {
        var parts = hyper.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lr = Parse(hyper).Where(pair => pair.Name == LearningRate).Select(pair => (double?)pair.Value).FirstOrDefault();
        return (lr, string.Join(' ', parts.Where(part => !part.StartsWith(LearningRate + "=", StringComparison.Ordinal))));
    }
}
