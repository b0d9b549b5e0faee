using TorchSharp;
using static TorchSharp.torch;

namespace Daft.GpuNode.Training;

/// <summary>
/// A deep copy of a module, as far as its state goes: TorchSharp has no <c>copy.deepcopy</c>, so a new instance of
/// the same architecture gets <c>load_state_dict(model.state_dict())</c> (values are copied, the copy is independent).
/// </summary>
public static class ModelCopy
{
    /// <summary>
    /// Builds <paramref name="factory"/>() (same architecture and class count as <paramref name="model"/>), moves it to
    /// the model's device, copies every parameter and buffer, and matches the training flag.
    /// </summary>
    public static T Clone<T>(T model, Func<T> factory) where T : nn.Module
    {
        var copy = factory();
        try
        {
            copy.to(Trainer.DeviceOf(model));
            var source = model.state_dict();
            var target = copy.state_dict();
            var mismatched = source.Where(kv => target.TryGetValue(kv.Key, out var t) && !t.shape.SequenceEqual(kv.Value.shape))
                .Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}] vs [{string.Join(", ", target[kv.Key].shape)}]")
                .ToList();
            if (mismatched.Count > 0 || !source.Keys.ToHashSet().SetEquals(target.Keys))
                throw new ArgumentException(
                    $"The factory built a different architecture than '{model.GetName()}': " +
                    $"missing [{string.Join(", ", source.Keys.Except(target.Keys))}], unexpected [{string.Join(", ", target.Keys.Except(source.Keys))}], " +
                    $"mis-shaped [{string.Join("; ", mismatched)}].", nameof(factory));
            copy.load_state_dict(source);
            copy.train(model.training);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}
