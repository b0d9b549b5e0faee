namespace Daft.Datasets.Fetch;

/// <summary>What a fetch tells its user as it goes: one line per step, and a byte count per transfer.</summary>
public interface IFetchProgress
{
    /// <summary>A step worth a line (verified, unpacked, built, skipped).</summary>
    void Note(string message);

    /// <summary>A transfer of <paramref name="what"/> begins; <paramref name="totalBytes"/> when known.</summary>
    void Started(string what, long? totalBytes);

    /// <summary>Bytes done so far in the current transfer.</summary>
    void Advanced(long doneBytes);

    /// <summary>The current transfer ended (successfully or not).</summary>
    void Finished();
}

/// <summary>Says nothing (tests, library use).</summary>
public sealed class SilentProgress : IFetchProgress
{
    public static readonly SilentProgress Instance = new();

    public void Note(string message) { }

    public void Started(string what, long? totalBytes) { }

    public void Advanced(long doneBytes) { }

    public void Finished() { }
}
