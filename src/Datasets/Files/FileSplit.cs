namespace Daft.Datasets.Files;

/// <summary>One image file of a split and its class index.</summary>
public readonly record struct LabeledFile(string Path, int Label);

/// <summary>
/// A split of a dataset whose images are files (DomainNet, BREEDS, fMoW, image folders): every file with its label,
/// in the order the reference code lists them, and the class names in label order. The GpuNode decodes the files;
/// listing them needs no tensor library, so <c>daft data check</c> can validate a layout with the same code.
/// </summary>
/// <param name="Name">The split's name in results (<c>train</c>, <c>id_val</c>, or an OOD set's name).</param>
/// <param name="Files">Absolute paths and labels, in reference order.</param>
/// <param name="Classes">Class names; <c>Classes.Count</c> is the class count and every label is below it.</param>
public sealed record FileSplit(string Name, IReadOnlyList<LabeledFile> Files, IReadOnlyList<string> Classes);
