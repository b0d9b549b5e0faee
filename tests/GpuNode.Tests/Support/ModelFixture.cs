using System.Text.Json;
using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Support;

/// <summary>
/// One model's golden fixture from tools/fixtures/make_model_fixtures.py: its state-dict entries in PyTorch order
/// (<c>&lt;name&gt;.keys.json</c>) and its tensors (<c>&lt;name&gt;.safetensors</c>: input, features, logits, ...).
/// </summary>
public sealed class ModelFixture : IDisposable
{
    /// <summary>A state-dict entry of the reference: name, shape and (when recorded) the float64 sum of its deterministic weights.</summary>
    public sealed record Entry(string Name, long[] Shape, double? Sum);

    ModelFixture(string name, IReadOnlyList<Entry> entries, IReadOnlyList<string> bnCallOrder, Dictionary<string, Tensor> tensors)
    {
        Name = name;
        Entries = entries;
        BnCallOrder = bnCallOrder;
        Tensors = tensors;
    }

    public string Name { get; }
    public IReadOnlyList<Entry> Entries { get; }
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The reference's BatchNorm2d layers in the order their forward pre-hooks fire (empty if not recorded).</summary>
    public IReadOnlyList<string> BnCallOrder { get; }

    /// <summary>Folder of the model fixtures.</summary>
    public static string Folder => Path.Combine(TestSetup.Fixtures, "models");

    /// <summary>Reads <c>models/&lt;name&gt;.keys.json</c> and, when present, <c>models/&lt;name&gt;.safetensors</c>.</summary>
    public static ModelFixture Load(string name)
    {
        var keysPath = Path.Combine(Folder, $"{name}.keys.json");
        using var json = JsonDocument.Parse(File.ReadAllText(keysPath));
        var entries = json.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => new Entry(
                e.GetProperty("name").GetString()!,
                [.. e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())],
                e.TryGetProperty("sum", out var sum) ? sum.GetDouble() : null))
            .ToList();
        List<string> bnOrder = json.RootElement.TryGetProperty("bn_call_order", out var order)
            ? [.. order.EnumerateArray().Select(n => n.GetString()!)]
            : [];
        var tensorsPath = Path.Combine(Folder, $"{name}.safetensors");
        var tensors = File.Exists(tensorsPath) ? SafeTensors.Load(tensorsPath) : [];
        return new ModelFixture(name, entries, bnOrder, tensors);
    }

    /// <summary>Fails, naming the first difference, unless the module's state dict has the reference's names, order and shapes.</summary>
    public void AssertSameStateDictLayout(nn.Module model)
    {
        var actual = StateDictOrder.Entries(model).Select(e => (e.Name, Shape: string.Join(",", e.Tensor.shape))).ToList();
        var expected = Entries.Select(e => (e.Name, Shape: string.Join(",", e.Shape))).ToList();
        for (var i = 0; i < Math.Min(actual.Count, expected.Count); i++)
        {
            if (actual[i] != expected[i])
                Assert.Fail($"{Name}: state-dict entry {i} is {actual[i]} in C#, {expected[i]} in the PyTorch reference.");
        }
        Assert.True(actual.Count == expected.Count, $"{Name}: {actual.Count} state-dict entries in C#, {expected.Count} in the PyTorch reference.");
    }

    /// <summary>Max |a - b| over all elements.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(b.shape, a.shape);
        return a.to(float64).sub(b.to(float64)).abs().max().item<double>();
    }

    public void Dispose()
    {
        foreach (var t in Tensors.Values)
            t.Dispose();
    }
}
