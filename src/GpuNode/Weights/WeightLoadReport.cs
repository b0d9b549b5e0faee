using System.Text;

namespace Daft.GpuNode.Weights;

/// <summary>A state-dict entry whose shape in the file differs from the model's.</summary>
public sealed record ShapeMismatch(string Name, long[] Expected, long[] InFile)
{
    public override string ToString() => $"{Name}: model [{string.Join(", ", Expected)}], file [{string.Join(", ", InFile)}]";
}

/// <summary>
/// What <see cref="StateDictLoader.Load"/> did with a weights file: how many entries it copied, which model entries the
/// file lacks (<see cref="Missing"/>), which file entries the model lacks (<see cref="Unexpected"/>) and which have
/// another shape (<see cref="Mismatched"/>). <see cref="ToString"/> is meant for a researcher's log.
/// </summary>
public sealed class WeightLoadReport
{
    public required string FilePath { get; init; }
    public required string ModelName { get; init; }
    public required int ModelEntries { get; init; }
    public required int Loaded { get; init; }
    public required IReadOnlyList<string> Missing { get; init; }
    public required IReadOnlyList<string> Unexpected { get; init; }
    public required IReadOnlyList<ShapeMismatch> Mismatched { get; init; }
    public IReadOnlyDictionary<string, string> FileMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the file's head (<c>fc.*</c>) was absent or of another shape and the model kept its own head.</summary>
    public bool HeadKept { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"Weights '{FilePath}' -> {ModelName}: loaded {Loaded} of {ModelEntries} state-dict entries");
        if (FileMetadata.Count > 0)
            text.Append($" (file metadata: {string.Join(", ", FileMetadata.Select(m => $"{m.Key}={m.Value}"))})");
        text.AppendLine(".");
        if (HeadKept)
            text.AppendLine("  Head (fc.*) kept as the model built it: the file's head is absent or has another class count.");
        Section(text, "Missing from the file", Missing);
        if (Missing.Any(StateDictLoader.IsBatchCount))
            text.AppendLine("    (missing num_batches_tracked entries were set to 0, as PyTorch does for checkpoints without them)");
        Section(text, "Shape mismatches", Mismatched.Select(m => m.ToString()).ToList());
        Section(text, "In the file but not in the model", Unexpected);
        return text.ToString().TrimEnd();
    }

    static void Section(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
            return;
        text.AppendLine($"  {title} ({lines.Count}):");
        foreach (var line in lines)
            text.AppendLine($"    {line}");
    }
}
