namespace Daft.Shared.Specs;

/// <summary>The nonlinearity between an MLP head's layers (<c>head_activation</c>).</summary>
public enum HeadActivation
{
    /// <summary><c>nn.ReLU</c>: the default.</summary>
    Relu,

    /// <summary><c>nn.GELU</c> (exact, erf form).</summary>
    Gelu,

    /// <summary><c>nn.Tanh</c>.</summary>
    Tanh,
}

/// <summary>
/// The classifier head on the penultimate features (<c>head_hidden</c>, <c>head_activation</c>, <c>head_dropout</c> in a
/// job file): linear (no hidden layer, the default and today's head) or an MLP registered as <c>fc</c> the way
/// <c>nn.Sequential</c> names it: per hidden width h, <c>Linear(in, h)</c>, the activation, <c>Dropout(p)</c>; then
/// <c>Linear(last, classes)</c>. So hidden [512, 256] has <c>fc.0</c>, <c>fc.3</c> and <c>fc.6</c> as its Linear layers.
/// Only <c>ft</c> and <c>daft</c> take an MLP head (the parser reports it for <c>lp</c> and <c>lp_ft</c>, whose head is
/// LP's logistic regression); DAFT zero-initialises its output layer only.
/// </summary>
/// <param name="Hidden">Hidden layer widths, first to last; empty = a linear head.</param>
/// <param name="Activation">The activation after each hidden layer.</param>
/// <param name="Dropout">Dropout probability after each hidden layer's activation, 0 ≤ p &lt; 1.</param>
public sealed record HeadSpec(IReadOnlyList<int> Hidden, HeadActivation Activation, double Dropout)
{
    /// <summary>The names of <see cref="HeadActivation"/> in a job file, in that order.</summary>
    public static IReadOnlyList<string> ActivationNames { get; } = ["relu", "gelu", "tanh"];

    /// <summary>Today's head: one Linear layer. Left out of the job file and the job id.</summary>
    public static HeadSpec Linear { get; } = new([], HeadActivation.Relu, 0);

    /// <summary>Whether the head has hidden layers.</summary>
    public bool IsMlp => Hidden.Count > 0;

    /// <summary>The job-file name of <see cref="Activation"/>.</summary>
    public string ActivationName => ActivationNames[(int)Activation];

    /// <summary>The activation a job file's <c>head_activation</c> name stands for (one of <see cref="ActivationNames"/>).</summary>
    public static HeadActivation ActivationOf(string name)
    {
        for (var i = 0; i < ActivationNames.Count; i++)
        {
            if (ActivationNames[i] == name)
            {
                return (HeadActivation)i;
            }
        }

        throw new ArgumentException($"Unknown activation `{name}`; allowed: {string.Join(", ", ActivationNames)}.", nameof(name));
    }

    /// <summary>Equal when the widths (in order), the activation and the dropout are.</summary>
    public bool Equals(HeadSpec? other) =>
        other is not null && Hidden.SequenceEqual(other.Hidden) && Activation == other.Activation && Dropout.Equals(other.Dropout);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var width in Hidden)
        {
            hash.Add(width);
        }

        hash.Add(Activation);
        hash.Add(Dropout);
        return hash.ToHashCode();
    }
}
