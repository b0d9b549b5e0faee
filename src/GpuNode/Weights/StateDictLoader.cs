using Daft.GpuNode.Models;
using static TorchSharp.torch;

namespace Daft.GpuNode.Weights;

/// <summary>
/// Loads and saves a <see cref="ClassifierNetwork"/>'s state dict (parameters and persistent buffers: BN running
/// statistics and <c>num_batches_tracked</c> included) as safetensors, matching entries by their PyTorch names.
/// </summary>
public static class StateDictLoader
{
    const string BatchCountSuffix = ".num_batches_tracked";

    /// <summary>
    /// Copies every entry of the file whose name and shape match the model into the model, in place under no_grad.
    /// A head (<c>fc.*</c>) that the file lacks or has with another shape is expected for a pretrained backbone
    /// (no head, or another class count): with <paramref name="allowHeadMismatch"/> the model keeps its whole head
    /// and the report says so. A missing <c>num_batches_tracked</c> is set to 0, as PyTorch does for checkpoints that
    /// predate the buffer (CLIP's). Any other missing or mismatched entry throws with the full report and changes
    /// nothing; entries only the file has are reported, and throw only when <paramref name="strict"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not fit the model.</exception>
    public static WeightLoadReport Load(ClassifierNetwork model, string safetensorsPath, bool allowHeadMismatch = true, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (file, metadata) = SafeTensors.LoadWithMetadata(safetensorsPath);
        try
        {
            var entries = StateDictOrder.Entries(model);
            var missing = entries.Where(e => !file.ContainsKey(e.Name)).Select(e => e.Name).ToList();
            var mismatched = entries
                .Where(e => file.TryGetValue(e.Name, out var t) && !t.shape.SequenceEqual(e.Tensor.shape))
                .Select(e => new ShapeMismatch(e.Name, e.Tensor.shape, file[e.Name].shape))
                .ToList();
            var mismatchedNames = mismatched.Select(m => m.Name).ToHashSet();
            var modelNames = entries.Select(e => e.Name).ToHashSet();
            var unexpected = file.Keys.Where(k => !modelNames.Contains(k)).Order(StringComparer.Ordinal).ToList();

            var headProblem = missing.Concat(mismatchedNames).Any(IsHead);
            var fatal = missing.Where(n => !(allowHeadMismatch && IsHead(n)) && !IsBatchCount(n))
                .Concat(mismatchedNames.Where(n => !(allowHeadMismatch && IsHead(n))))
                .ToList();
            var keepHead = headProblem && allowHeadMismatch;
            var toLoad = entries.Where(e => file.ContainsKey(e.Name) && !mismatchedNames.Contains(e.Name) && !(keepHead && IsHead(e.Name))).ToList();

            var report = new WeightLoadReport
            {
                FilePath = Path.GetFullPath(safetensorsPath),
                ModelName = model.GetType().Name,
                ModelEntries = entries.Count,
                Loaded = fatal.Count == 0 && !(strict && unexpected.Count > 0) ? toLoad.Count : 0,
                Missing = missing,
                Unexpected = unexpected,
                Mismatched = mismatched,
                FileMetadata = metadata,
                HeadKept = keepHead,
            };
            if (fatal.Count > 0)
                throw new InvalidDataException($"The weights do not fit the model ({string.Join(", ", fatal.Take(5))}{(fatal.Count > 5 ? ", ..." : "")}); nothing was loaded.\n{report}");
            if (strict && unexpected.Count > 0)
                throw new InvalidDataException($"The weights file has entries the model lacks and strict loading was asked for; nothing was loaded.\n{report}");

            using (no_grad())
            {
                foreach (var (name, target) in toLoad)
                    target.copy_(file[name]);
                foreach (var (name, target) in entries.Where(e => IsBatchCount(e.Name) && !file.ContainsKey(e.Name)))
                    target.zero_();
            }
            return report;
        }
        finally
        {
            foreach (var tensor in file.Values)
                tensor.Dispose();
        }
    }

    /// <summary>Writes the model's state dict (parameters and persistent buffers, on the CPU) with optional metadata.</summary>
    public static void Save(ClassifierNetwork model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = StateDictOrder.Entries(model).ToDictionary(e => e.Name, e => e.Tensor);
        // "format": "pt" is what PyTorch-side safetensors readers look for.
        var meta = new Dictionary<string, string> { ["format"] = "pt" };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            meta[key] = value;
        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>True for BN's <c>num_batches_tracked</c>, which older checkpoints do not have.</summary>
    public static bool IsBatchCount(string name) => name.EndsWith(BatchCountSuffix, StringComparison.Ordinal);

    static bool IsHead(string name) => name.StartsWith(ClassifierNetwork.HeadPrefix, StringComparison.Ordinal);
}
