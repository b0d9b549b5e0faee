using Daft.Datasets.Formats;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Formats;

public sealed class CsvFileTests : IDisposable
{
    readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    CsvColumns Read(string text, params string[] columns) =>
        CsvFile.Read(folder.Write("t.csv", text), columns, "the test table", "Write it again.");

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks_as_pandas_to_csv_writes_them()
    {
        var table = Read("a,b,c\n1,\"x, \"\"y\"\"\",3\n\"multi\nline\",,\"\"\n4,5,6\n", "c", "a", "b");

        Assert.Equal(["a", "b", "c"], table.Header);
        Assert.Equal([2, 3, 5], table.Lines);
        Assert.Equal(["3", "1", "x, \"y\""], table.Rows[0]);
        Assert.Equal(["", "multi\nline", ""], table.Rows[1]);
        Assert.Equal(["6", "4", "5"], table.Rows[2]);
    }

    [Fact]
    public void Crlf_line_ends_a_byte_order_mark_and_empty_lines_read_as_pandas_reads_them()
    {
        var table = Read("\uFEFFa,b\r\n\r\n1,2\r\n\r\n3,4", "a", "b");

        Assert.Equal([3, 5], table.Lines);
        Assert.Equal([["1", "2"], ["3", "4"]], table.Rows);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("NA", true)]
    [InlineData("nan", true)]
    [InlineData("NULL", true)]
    [InlineData("#N/A", true)]
    [InlineData("None", false)]
    [InlineData("NAM", false)]
    [InlineData(" NA", false)]
    public void Missing_values_are_pandas_1_5_defaults(string value, bool missing) => Assert.Equal(missing, CsvFile.IsMissing(value));

    [Fact]
    public void A_missing_file_names_its_path_and_the_fix()
    {
        var path = Path.Combine(folder.Path, "none.csv");
        var error = Assert.Throws<FileNotFoundException>(() => CsvFile.Read(path, ["a"], "the test table", "Write it again."));
        Assert.Equal($"No the test table at '{path}'. Write it again.", error.Message);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("", "a", "b"));
        Assert.Contains("is empty; expected the test table with the header a,b", error.Message);
    }

    [Fact]
    public void A_missing_column_is_named_with_the_header_found()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b\n1,2\n", "a", "c", "d"));
        Assert.Contains("line 1: the header has no column 'c', 'd'; the test table needs a, c, d (the header is: a,b)", error.Message);
    }

    [Theory]
    [InlineData("a,b\n1,2\n1,2,3\n", 3, "3 field(s), but the header has 2")]
    [InlineData("a,b\n\"x\ny\",2\n1\n", 4, "1 field(s), but the header has 2")]
    public void A_record_with_another_field_count_is_reported_at_its_line(string text, int line, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(text, "a"));
        Assert.Contains($"line {line}: {message}", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_it_opens()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b\n1,2\n3,\"4\n5,6\n", "a"));
        Assert.Contains("line 3: a quoted field is never closed", error.Message);
    }
}
