namespace Daft.Datasets.Sources;

/// <summary>What happened to one source in a fetch.</summary>
public enum FetchStatus
{
    /// <summary>Its layout was already complete; nothing was downloaded.</summary>
    Present,
    /// <summary>Downloaded (or built) and its layout checked complete.</summary>
    Fetched,
    /// <summary>Daft cannot download it; the user must (the detail holds the instructions).</summary>
    Manual,
    /// <summary>Something failed; the detail says what.</summary>
    Failed,
}

public sealed record FetchOutcome(DataSource Source, FetchStatus Status, string Detail);

/// <summary>
/// Fetches sources and the sources they depend on: a source whose layout is already complete is left alone, one
/// that is not is downloaded, unpacked (or built) and checked again. A failure is recorded and the fetch goes on
/// with the sources that do not depend on it. Downloaded archives are deleted at the end unless
/// <see cref="Fetch.FetchOptions.KeepArchives"/>.
/// </summary>
public static class Fetcher
{
    public static async Task<IReadOnlyList<FetchOutcome>> FetchAsync(IEnumerable<DataSource> requested, FetchContext context,
        CancellationToken cancellation = default)
    {
        var outcomes = new List<FetchOutcome>();
        var archives = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in SourceCatalog.WithDependencies(requested))
        {
            cancellation.ThrowIfCancellationRequested();
            var blocked = source.DependsOn.FirstOrDefault(d => outcomes.Any(o => o.Source.Name == d && o.Status is FetchStatus.Failed or FetchStatus.Manual));
            if (blocked is not null)
            {
                outcomes.Add(new(source, FetchStatus.Failed, $"not built: it needs {blocked}, which is not there"));
                continue;
            }
            outcomes.Add(await FetchOneAsync(source, context, archives, cancellation));
        }
        if (!context.Options.KeepArchives)
        {
            foreach (var archive in archives.Where(File.Exists))
                File.Delete(archive);
            if (Directory.Exists(context.DownloadFolder) && !Directory.EnumerateFileSystemEntries(context.DownloadFolder).Any())
                Directory.Delete(context.DownloadFolder);
        }
        return outcomes;
    }

    static async Task<FetchOutcome> FetchOneAsync(DataSource source, FetchContext context, HashSet<string> archives,
        CancellationToken cancellation)
    {
        if (source.Check(context.DataRoot).IsComplete)
        {
            context.Progress.Note($"{source.Name}: already in '{context.DataRoot}'");
            return new(source, FetchStatus.Present, "already there");
        }
        if (!source.CanFetch)
            return new(source, FetchStatus.Manual, source.Instructions);
        context.Progress.Note($"{source.Name}: {source.Description}");
        try
        {
            archives.UnionWith(await source.FetchAsync(context, cancellation));
        }
        catch (Exception error) when (error is Fetch.FetchException or IOException or InvalidDataException or HttpRequestException)
        {
            return new(source, FetchStatus.Failed, error.Message);
        }
        var after = source.Check(context.DataRoot, verify: true);
        return after.IsComplete
            ? new(source, FetchStatus.Fetched, "fetched and checked")
            : new(source, FetchStatus.Failed, "fetched, but the layout is still incomplete: " + string.Join("; ", after.Problems));
    }
}
