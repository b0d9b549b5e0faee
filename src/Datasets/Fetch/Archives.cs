using System.Formats.Tar;
using System.IO.Compression;
using SharpCompress.Compressors.Xz;

namespace Daft.Datasets.Fetch;

/// <summary>
/// Unpacks downloaded archives into a data root. A mapping decides, per entry path (as stored, without a leading
/// <c>./</c>), where it goes relative to the destination, or that it is skipped; only regular files are written,
/// and an entry that would land outside the destination (absolute, or through <c>..</c>) is refused. Each file is
/// written beside its target and renamed into place, so an interrupted unpack leaves no half-written file.
/// </summary>
public static class Archives
{
    /// <summary>Keeps every entry at its own path.</summary>
    public static string? KeepAll(string entry) => entry;

    /// <summary>Keeps the entries under the folder <paramref name="prefix"/> (ending in <c>/</c>) and puts them under
    /// <paramref name="target"/> (<c>package/data/x</c> → <c>mnist/x</c>); a prefix without the slash names one file,
    /// stored as <paramref name="target"/>.</summary>
    public static Func<string, string?> Move(string prefix, string target) =>
        entry => !prefix.EndsWith('/') ? (entry == prefix ? target : null)
            : entry.StartsWith(prefix, StringComparison.Ordinal) && entry.Length > prefix.Length
                ? Path.Combine(target, entry[prefix.Length..])
                : null;

    /// <summary>Unpacks <paramref name="archive"/>; returns the files written (full paths), in archive order.</summary>
    public static IReadOnlyList<string> Extract(string archive, ArchiveKind kind, string destination, Func<string, string?> map)
    {
        destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(destination);
        if (kind == ArchiveKind.None)
        {
            var name = map(Path.GetFileName(archive)) ?? Path.GetFileName(archive);
            var target = Inside(destination, name, archive);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(archive, target + ".part", overwrite: true);
            File.Move(target + ".part", target, overwrite: true);
            return [target];
        }
        using var stream = OpenTar(archive, kind);
        return ExtractTar(stream, archive, destination, map);
    }

    static Stream OpenTar(string archive, ArchiveKind kind)
    {
        var file = File.OpenRead(archive);
        switch (kind)
        {
            case ArchiveKind.Tar:
                return file;
            case ArchiveKind.TarGz:
                return new GZipStream(file, CompressionMode.Decompress);
        }
        var members = ArArchive.Members(archive);
        var data = members.FirstOrDefault(m => m.Name.StartsWith("data.tar", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"'{archive}' has no data.tar member (members: {string.Join(", ", members.Select(m => m.Name))}); it is not a Debian package.");
        file.Position = data.Offset;
        var slice = new SubStream(file, data.Length);
        return data.Name switch
        {
            "data.tar" => slice,
            "data.tar.gz" => new GZipStream(slice, CompressionMode.Decompress),
            "data.tar.xz" => new XZStream(slice),
            _ => throw new InvalidDataException($"'{archive}': its {data.Name} uses a compression Daft does not read (xz, gzip or none)."),
        };
    }

    static List<string> ExtractTar(Stream stream, string archive, string destination, Func<string, string?> map)
    {
        var written = new List<string>();
        try
        {
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                    continue;
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                if (map(name) is not { } relative)
                    continue;
                var target = Inside(destination, relative, archive);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using (var output = File.Create(target + ".part"))
                    entry.DataStream?.CopyTo(output);
                File.Move(target + ".part", target, overwrite: true);
                written.Add(target);
            }
        }
        catch (Exception error) when (error is InvalidDataException or FormatException or EndOfStreamException
            or SharpCompress.Common.ArchiveException)
        {
            throw new InvalidDataException($"'{archive}' is damaged or truncated; delete it and fetch again ({error.Message}).", error);
        }
        return written;
    }

    static string Inside(string destination, string relative, string archive)
    {
        var target = Path.GetFullPath(Path.Combine(destination, relative));
        if (!target.StartsWith(destination + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"'{archive}': entry '{relative}' would be written outside '{destination}'; refusing to unpack it.");
        return target;
    }

    /// <summary>A read-only window of <paramref name="size"/> bytes from the current position of a stream.</summary>
    sealed class SubStream(Stream inner, long size) : Stream
    {
        readonly long _length = size;
        long _remaining = size;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _remaining; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_remaining <= 0)
                return 0;
            var read = inner.Read(buffer, offset, (int)Math.Min(count, _remaining));
            _remaining -= read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
