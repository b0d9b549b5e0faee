using static TorchSharp.torch;

namespace Daft.GpuNode.Weights;

/// <summary>
/// A module's state-dict entries in PyTorch's order: module by module in registration order, each module's own
/// parameters, then its own persistent buffers, then its children. TorchSharp's <c>state_dict()</c> has the same
/// names but lists every parameter before every buffer, so anything that must agree with PyTorch entry by entry
/// (deterministic fixture weights, key-list checks) walks this order instead.
/// </summary>
public static class StateDictOrder
{
    /// <summary>(name, tensor) for every state-dict entry, in PyTorch's <c>state_dict()</c> order.</summary>
    public static IReadOnlyList<(string Name, Tensor Tensor)> Entries(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var persistent = module.state_dict();
        var entries = new List<(string, Tensor)>(persistent.Count);
        Walk(module, "", persistent, entries);
        if (entries.Count != persistent.Count)
        {
            var missed = persistent.Keys.Except(entries.Select(e => e.Item1)).ToList();
            throw new InvalidOperationException($"The module walk found {entries.Count} state-dict entries but state_dict() has {persistent.Count}; not reached: {string.Join(", ", missed)}.");
        }
        return entries;
    }

    /// <summary>The state-dict names in PyTorch's order.</summary>
    public static IReadOnlyList<string> Names(nn.Module module) => [.. Entries(module).Select(e => e.Name)];

    static void Walk(nn.Module module, string prefix, Dictionary<string, Tensor> persistent, List<(string, Tensor)> entries)
    {
        foreach (var (name, parameter) in module.named_parameters(recurse: false))
            entries.Add((prefix + name, parameter));
        foreach (var (name, buffer) in module.named_buffers(recurse: false))
        {
            // Non-persistent buffers (e.g. pixel-normalisation constants) are not state-dict entries.
            if (persistent.ContainsKey(prefix + name))
                entries.Add((prefix + name, buffer));
        }
        foreach (var (name, child) in module.named_children())
            Walk(child, prefix + name + ".", persistent, entries);
    }
}
