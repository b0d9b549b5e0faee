namespace Daft.GpuNode.Adaptation;

/// <summary>
/// DANN's schedules over the training progress p ∈ [0, 1] (steps done / total steps; Ganin &amp; Lempitsky 2015, §5.2.2,
/// and the tutorial's <c>p = (batch_idx + epoch_idx * max_batches) / (n_epochs * max_batches)</c>).
/// </summary>
public static class DannSchedule
{
    /// <summary>The paper's annealing constants: λ's γ = 10, the learning rate's α = 10 and β = 0.75.</summary>
    public const double Gamma = 10, Alpha = 10, Beta = 0.75;

    /// <summary>p of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>: step / totalSteps.</summary>
    public static double Progress(long step, long totalSteps)
    {
        if (totalSteps <= 0)
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "DANN training needs at least one step.");
        if (step < 0 || step > totalSteps)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"A step must lie in [0, {totalSteps}].");
        return (double)step / totalSteps;
    }

    /// <summary>The reversal weight λ_p = 2 / (1 + exp(−γ·p)) − 1: 0 at the start, rising to ≈1 (0.99991 at p = 1).</summary>
    public static double Lambda(double progress, double gamma = Gamma) =>
        2.0 / (1.0 + Math.Exp(-gamma * CheckProgress(progress))) - 1.0;

    /// <summary>The paper's learning rate μ_p = μ0 / (1 + α·p)^β (μ0 / 11^0.75 ≈ 0.166·μ0 at p = 1).</summary>
    public static double LearningRate(double initialLr, double progress, double alpha = Alpha, double beta = Beta)
    {
        if (initialLr <= 0)
            throw new ArgumentOutOfRangeException(nameof(initialLr), initialLr, "The learning rate must be > 0.");
        return initialLr / Math.Pow(1.0 + alpha * CheckProgress(progress), beta);
    }

    static double CheckProgress(double progress) =>
        progress is >= 0 and <= 1 ? progress : throw new ArgumentOutOfRangeException(nameof(progress), progress, "Progress must lie in [0, 1].");
}
