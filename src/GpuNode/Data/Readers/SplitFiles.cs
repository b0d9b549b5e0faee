namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// What the splits of one dataset load share: a file several of them read (fMoW's 500,000-row metadata for its four
/// splits, a BREEDS split for train, id_val and the OOD set) is read once, by the first split that needs it.
/// </summary>
internal sealed class SplitFiles
{
    readonly Dictionary<string, object> _read = new(StringComparer.Ordinal);

    public T Get<T>(string key, Func<T> read)
        where T : notnull
    {
        if (!_read.TryGetValue(key, out var value))
            _read[key] = value = read();
        return (T)value;
    }
}
