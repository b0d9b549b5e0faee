namespace Daft.GpuNode.Models;

/// <summary>The backbones an experiment can name, each built with a fresh head of the given class count.</summary>
public static class Backbones
{
    static readonly Dictionary<string, Func<int, ClassifierNetwork>> Factories = new(StringComparer.Ordinal)
    {
        ["resnet18"] = ResNet.ResNet18,
        ["resnet18_cifar"] = ResNet.ResNet18Cifar,
        ["resnet50"] = ResNet.ResNet50,
        ["clip_rn50"] = classes => new ClipResNet(classes),
        ["small_cnn"] = classes => new SmallCnn(classes),
    };

    /// <summary>Known backbone names, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>Builds the named backbone (randomly initialised as its reference does) with a <c>numClasses</c> head.</summary>
    /// <exception cref="ArgumentException">The name is not a known backbone.</exception>
    public static ClassifierNetwork Create(string name, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Factories.TryGetValue(name, out var factory))
            throw new ArgumentException($"Unknown backbone '{name}'; known backbones: {string.Join(", ", Names)}.", nameof(name));
        return factory(numClasses);
    }
}
