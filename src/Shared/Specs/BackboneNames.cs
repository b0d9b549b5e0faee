namespace Daft.Shared.Specs;

/// <summary>The backbone names a job file may use; the GpuNode's model registry builds one model per name.</summary>
public static class BackboneNames
{
    /// <summary>torchvision ResNet-18.</summary>
    public const string ResNet18 = "resnet18";

    /// <summary>ResNet-18 with the CIFAR stem (3x3 stride-1 conv1, no max-pool) for 28x28 and 32x32 inputs.</summary>
    public const string ResNet18Cifar = "resnet18_cifar";

    /// <summary>torchvision ResNet-50.</summary>
    public const string ResNet50 = "resnet50";

    /// <summary>CLIP's modified ResNet-50 visual tower.</summary>
    public const string ClipRn50 = "clip_rn50";

    /// <summary>A small CNN for digit-sized inputs.</summary>
    public const string SmallCnn = "small_cnn";

    /// <summary>All names, in the order error messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [ResNet18, ResNet18Cifar, ResNet50, ClipRn50, SmallCnn];
}
