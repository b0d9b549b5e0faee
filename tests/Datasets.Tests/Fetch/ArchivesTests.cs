using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Daft.Datasets.Fetch;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Fetch;

public class ArchivesTests
{
    static string TinyDeb => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fetch", "tiny_1.0_all.deb");

    /// <summary>Writes a tar (gzipped when <paramref name="gzip"/>) holding the given files.</summary>
    internal static string WriteTar(string path, bool gzip, params (string Name, string Text)[] files)
    {
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        foreach (var (name, text) in files)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
            writer.WriteEntry(entry);
        }
        return path;
    }

    [Fact]
    public void A_debian_package_unpacks_its_data_tar_xz_through_the_mapping()
    {
        using var temp = new TempFolder();

        var written = Archives.Extract(TinyDeb, ArchiveKind.Deb, temp.Path, Archives.Move("usr/share/tiny/data/", "tiny"));

        Assert.Equal([Path.Combine(temp.Path, "tiny", "a.txt"), Path.Combine(temp.Path, "tiny", "b.txt")], written);
        Assert.Equal("alpha\n", File.ReadAllText(written[0]));
        Assert.Equal("beta beta\n", File.ReadAllText(written[1]));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "usr")), "entries outside the mapping are not written");
    }

    [Fact]
    public void A_debian_package_lists_its_ar_members()
    {
        var members = ArArchive.Members(TinyDeb);

        Assert.Equal(["debian-binary", "control.tar.xz", "data.tar.xz"], members.Select(m => m.Name));
    }

    [Fact]
    public void Move_with_a_file_prefix_renames_that_one_file()
    {
        using var temp = new TempFolder();

        var written = Archives.Extract(TinyDeb, ArchiveKind.Deb, temp.Path, Archives.Move("usr/share/tiny/data/b.txt", "b/renamed.txt"));

        Assert.Equal([Path.Combine(temp.Path, "b", "renamed.txt")], written);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tar_and_tar_gz_keep_every_file_at_its_path(bool gzip)
    {
        using var temp = new TempFolder();
        var archive = WriteTar(Path.Combine(temp.Path, "a.tar"), gzip, ("top/one.bin", "1"), ("./top/sub/two.bin", "22"));
        var into = Path.Combine(temp.Path, "root");

        var written = Archives.Extract(archive, gzip ? ArchiveKind.TarGz : ArchiveKind.Tar, into, Archives.KeepAll);

        Assert.Equal("1", File.ReadAllText(Path.Combine(into, "top", "one.bin")));
        Assert.Equal("22", File.ReadAllText(Path.Combine(into, "top", "sub", "two.bin")));
        Assert.Equal(2, written.Count);
        Assert.Empty(Directory.GetFiles(into, "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_entry_that_climbs_out_of_the_destination_is_refused()
    {
        using var temp = new TempFolder();
        var archive = WriteTar(Path.Combine(temp.Path, "evil.tar"), false, ("../../escaped.txt", "x"));

        var error = Assert.Throws<InvalidDataException>(() => Archives.Extract(archive, ArchiveKind.Tar, Path.Combine(temp.Path, "root"), Archives.KeepAll));

        Assert.Contains("entry '../../escaped.txt' would be written outside", error.Message);
        Assert.False(File.Exists(Path.Combine(temp.Path, "escaped.txt")));
    }

    [Fact]
    public void A_truncated_archive_names_itself_and_says_to_fetch_again()
    {
        using var temp = new TempFolder();
        var archive = WriteTar(Path.Combine(temp.Path, "cut.tar.gz"), true, ("f.bin", new string('x', 100_000)));
        var bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => Archives.Extract(archive, ArchiveKind.TarGz, Path.Combine(temp.Path, "root"), Archives.KeepAll));

        Assert.Contains($"'{archive}' is damaged or truncated; delete it and fetch again", error.Message);
    }

    [Fact]
    public void A_file_that_is_no_debian_package_says_so()
    {
        using var temp = new TempFolder();
        var path = temp.Write("not.deb", "plain text");

        var error = Assert.Throws<InvalidDataException>(() => Archives.Extract(path, ArchiveKind.Deb, temp.Path, Archives.KeepAll));

        Assert.Contains("is not an ar archive", error.Message);
    }
}
