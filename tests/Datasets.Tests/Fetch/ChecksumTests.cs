using System.Text;
using Daft.Datasets.Fetch;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Fetch;

public class ChecksumTests
{
    [Theory]
    // `printf 'hello\n' | sha256sum`, `| md5sum`, and `git hash-object` of the same file.
    [InlineData(ChecksumKind.Sha256, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")]
    [InlineData(ChecksumKind.Md5, "b1946ac92492d2347c6235b4d2611184")]
    [InlineData(ChecksumKind.GitBlobSha1, "ce013625030ba8dba906f756967f9e9ca394464a")]
    public void Each_kind_computes_the_digest_its_usual_tool_prints(ChecksumKind kind, string expected)
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "hello.txt");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("hello\n"));

        var checksum = new Checksum(kind, expected);

        Assert.Equal(expected, checksum.Compute(path));
        Assert.True(checksum.Matches(path));
        Assert.False((checksum with { Hex = new string('0', expected.Length) }).Matches(path));
    }

    [Fact]
    public void Factories_lower_case_the_hex_so_published_upper_case_digests_match()
    {
        Assert.Equal("abcdef", Checksum.Sha256("ABCDEF").Hex);
        Assert.Equal("md5 c32a1d4ab5d03f1284b67883e8d87530", Checksum.Md5("C32A1D4AB5D03F1284B67883E8D87530").ToString());
    }
}
