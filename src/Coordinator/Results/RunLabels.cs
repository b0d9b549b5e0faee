namespace Daft.Coordinator.Results;

/// <summary>
/// A job as a name for files and TensorBoard runs: <c>&lt;dataset&gt;_&lt;model&gt;_&lt;method&gt;_&lt;hyper&gt;_run&lt;k&gt;</c>,
/// e.g. <c>digits_shift_small_cnn_daft_lr=0.001_head_lr=0.1_run1</c> (LP has no hyperparameters:
/// <c>digits_shift_small_cnn_lp_run1</c>). Only letters, digits and <c>. _ = -</c> are kept, anything else becomes '_'.
/// </summary>
public static class RunLabels
{
    public static string Of(ResultRow row) =>
        Safe(string.Join('_', new[] { row.Dataset, row.Model, row.Method, row.Hyper.Replace(' ', '_'), $"run{row.RunNum}" }.Where(part => part.Length > 0)));

    /// <summary>
    /// Labels for many jobs, one per job id, in the order given. Two jobs that differ in something the label does not
    /// show (epochs, weights) would share it: then each of them gets the first 8 characters of its id appended.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Unique(IEnumerable<ResultRow> rows)
    {
        var list = rows.ToList();
        var counts = list.GroupBy(Of, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return list.ToDictionary(row => row.JobId, row => Of(row) is var label && counts[label] > 1 ? $"{label}_{row.JobId[..Math.Min(8, row.JobId.Length)]}" : label,
            StringComparer.Ordinal);
    }

    /// <summary><paramref name="text"/> with every character but ASCII letters, digits and <c>. _ = -</c> replaced by '_'.</summary>
    public static string Safe(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '=' or '-' ? c : '_')]);
}
