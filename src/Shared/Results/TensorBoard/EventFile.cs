namespace Daft.Shared.Results.TensorBoard;

/// <summary>
/// A TensorBoard event file: TFRecord records of <see cref="EventProto"/> events, the file-version event first, named
/// <c>events.out.tfevents.&lt;unix seconds&gt;.&lt;host&gt;</c> as TensorFlow names them (TensorBoard reads every file
/// whose name contains "tfevents"; a run is the folder that holds it).
/// </summary>
public static class EventFile
{
    public const string Prefix = "events.out.tfevents.";

    /// <summary>The file name for an event file begun at <paramref name="created"/> on <paramref name="host"/>.</summary>
    public static string NameFor(DateTimeOffset created, string host) => $"{Prefix}{created.ToUnixTimeSeconds()}.{SafeHost(host)}";

    /// <summary>
    /// Writes the steps as one event file in <paramref name="folder"/> (created if missing) and returns its path. Event
    /// files already in the folder are removed first: a folder is one run, and a rewritten run must not show twice.
    /// The file appears whole (written under another name, then renamed).
    /// </summary>
    public static string Write(string folder, DateTimeOffset created, string host, IEnumerable<ScalarStep> steps)
    {
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.GetFiles(folder, Prefix + "*"))
        {
            File.Delete(old);
        }

        var path = Path.Combine(folder, NameFor(created, host));
        var partial = Path.Combine(folder, "writing.tmp");
        using (var stream = File.Create(partial))
        {
            var records = new TfRecordWriter(stream);
            records.Write(EventProto.Version(created));
            foreach (var step in steps)
            {
                records.Write(EventProto.Scalars(step));
            }
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>The host name with anything but letters, digits, '-' and '.' replaced by '_' (it becomes part of a file name).</summary>
    private static string SafeHost(string host)
    {
        var safe = new string([.. host.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        return safe.Length == 0 ? "localhost" : safe;
    }
}
