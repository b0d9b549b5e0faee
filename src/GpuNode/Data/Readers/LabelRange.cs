using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>Label checks shared by the readers: one tensor pass, and an error that names the file and the row.</summary>
static class LabelRange
{
    /// <summary>Throws when any label lies outside <c>first..last</c>, naming the first offending row of
    /// <paramref name="path"/> and its value.</summary>
    public static void Check(Tensor labels, long first, long last, string path, string dataset)
    {
        using var low = labels.lt(first);
        using var high = labels.gt(last);
        using var outside = low.logical_or(high);
        using var bad = outside.nonzero();
        if (bad.shape[0] == 0)
            return;
        var row = bad.data<long>()[0];
        using var value = labels[row];
        throw new InvalidDataException(
            $"'{path}': row {row} has label {value.item<long>()}; {dataset} labels are {first}..{last} "
            + $"({bad.shape[0]} of {labels.shape[0]} rows are outside that range).");
    }

    /// <summary>Integer labels of any width as int64, or an error naming the file and the dtype it holds.</summary>
    public static Tensor ToInt64(Tensor labels, string path)
    {
        if (labels.dtype is not (ScalarType.Int64 or ScalarType.Int32 or ScalarType.Byte))
            throw new InvalidDataException($"'{path}' holds {labels.dtype} labels; expected integers (int64, int32 or uint8).");
        return labels.to_type(ScalarType.Int64);
    }
}
