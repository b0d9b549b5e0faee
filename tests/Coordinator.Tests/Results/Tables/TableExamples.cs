using Daft.Coordinator.Jobs;
using Daft.Coordinator.Results;

namespace Daft.Coordinator.Tests.Results.Tables;

/// <summary>
/// A hand-computed sweep on two datasets with every case a table must show: replicates, a grid where the winner is
/// not the first setting, a failed replicate (with its reason), pending replicates, a method with no succeeded
/// replicate at all, a tie on a printed value. The numbers are chosen so every mean and std is exact.
/// </summary>
internal static class TableExamples
{
    private static ResultRow Run(string dataset, string method, string hyper, int runNum, params (string Set, double Accuracy)[] accuracies) =>
        new($"{dataset}-{method}-{hyper}-{runNum}", dataset, "small_cnn", method, hyper, runNum, JobState.Succeeded, null,
            accuracies.ToDictionary(pair => pair.Set, pair => pair.Accuracy));

    private static ResultRow NotRun(string dataset, string method, string hyper, int runNum, JobState state, string? reason) =>
        new($"{dataset}-{method}-{hyper}-{runNum}", dataset, "small_cnn", method, hyper, runNum, state, reason, null);

    private static ResultRow Digits(string method, string hyper, int runNum, double id, double mnistM, double uci) =>
        Run("digits_shift", method, hyper, runNum, ("id_val", id), ("mnist_m", mnistM), ("digits", uci));

    /// <summary>
    /// digits_shift — LP: ID 90/91/92 (mean 91, std 1), MNIST-M 60/62/64 (62, 2), UCI 50 ×3 (50, 0).
    /// FT: lr=0.1 ID 93/94/95 (mean 94) loses to lr=0.01 ID 95/97 (mean 96, std √2), run 3 failed; MNIST-M 40/44
    /// (42), UCI 30/34 (32). LP-FT: ID 96 ×3, MNIST-M 70/72/74 (72), UCI 55/57/59 (57). DAFT: run 1 only (ID 96.5,
    /// MNIST-M 65, UCI 57 — ties LP-FT's UCI mean), runs 2 and 3 pending.
    /// living17 — FT lr=0.01: ID 80/82/84 (82, 2), OOD 50/52/54 (52, 2). LP: its only run failed.
    /// </summary>
    public static IReadOnlyList<ResultRow> Rows { get; } =
    [
        Digits("lp", "", 1, 90, 60, 50), Digits("lp", "", 2, 91, 62, 50), Digits("lp", "", 3, 92, 64, 50),
        Digits("ft", "lr=0.1", 1, 93, 45, 35), Digits("ft", "lr=0.1", 2, 94, 45, 35), Digits("ft", "lr=0.1", 3, 95, 45, 35),
        Digits("ft", "lr=0.01", 1, 95, 40, 30), Digits("ft", "lr=0.01", 2, 97, 44, 34),
        NotRun("digits_shift", "ft", "lr=0.01", 3, JobState.Failed, "exit code 137 (killed: out of memory?)"),
        Digits("lp_ft", "lr=0.001", 1, 96, 70, 55), Digits("lp_ft", "lr=0.001", 2, 96, 72, 57), Digits("lp_ft", "lr=0.001", 3, 96, 74, 59),
        Digits("daft", "lr=0.01 head_lr=0.1", 1, 96.5, 65, 57),
        NotRun("digits_shift", "daft", "lr=0.01 head_lr=0.1", 2, JobState.Pending, null),
        NotRun("digits_shift", "daft", "lr=0.01 head_lr=0.1", 3, JobState.Pending, null),
        Run("living17", "ft", "lr=0.01", 1, ("id_val", 80), ("target_val_living", 50)),
        Run("living17", "ft", "lr=0.01", 2, ("id_val", 82), ("target_val_living", 52)),
        Run("living17", "ft", "lr=0.01", 3, ("id_val", 84), ("target_val_living", 54)),
        NotRun("living17", "lp", "", 1, JobState.Failed, "dataset missing: /data/imagenet (daft data fetch living17)"),
    ];
}
