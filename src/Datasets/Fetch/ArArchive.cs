using System.Globalization;
using System.Text;

namespace Daft.Datasets.Fetch;

/// <summary>
/// Reads the members of a Unix <c>ar</c> archive (the container of a Debian package): the magic
/// <c>!&lt;arch&gt;\n</c>, then per member a 60-byte ASCII header (name 16, mtime 12, uid 6, gid 6, mode 8,
/// size 10, then the two bytes <c>`\n</c>) followed by the data, padded to an even length.
/// </summary>
public static class ArArchive
{
    const string Magic = "!<arch>\n";
    const int HeaderSize = 60;

    /// <summary>A member's name (GNU's trailing '/' removed), its data offset and length.</summary>
    public sealed record Member(string Name, long Offset, long Length);

    public static IReadOnlyList<Member> Members(string path)
    {
        using var file = File.OpenRead(path);
        var magic = new byte[Magic.Length];
        if (file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || Encoding.ASCII.GetString(magic) != Magic)
            throw new InvalidDataException($"'{path}' is not an ar archive (a Debian package starts with \"!<arch>\").");
        var members = new List<Member>();
        var header = new byte[HeaderSize];
        while (file.Position < file.Length)
        {
            if (file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize || header[58] != '`' || header[59] != '\n')
                throw new InvalidDataException($"'{path}' is truncated or damaged: bad ar member header at byte {file.Position}.");
            var name = Encoding.ASCII.GetString(header, 0, 16).TrimEnd(' ').TrimEnd('/');
            if (!long.TryParse(Encoding.ASCII.GetString(header, 48, 10).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                throw new InvalidDataException($"'{path}': ar member '{name}' has an unreadable size.");
            if (file.Position + size > file.Length)
                throw new InvalidDataException($"'{path}' is truncated: member '{name}' needs {size} bytes, {file.Length - file.Position} remain.");
            members.Add(new Member(name, file.Position, size));
            file.Position += size + (size & 1);
        }
        return members;
    }
}
