using Daft.Datasets.Fetch;

namespace Daft.Datasets.Tests.Fetch;

public class ConsoleProgressTests
{
    [Fact]
    public void A_log_gets_a_start_and_an_end_line_for_a_fast_transfer_and_no_bar_redraws()
    {
        var log = new StringWriter { NewLine = "\n" };
        var progress = new ConsoleProgress(log, interactive: false);

        progress.Started("a.tgz", 10_000_000);
        for (var done = 1_000_000L; done <= 10_000_000; done += 1_000_000)
            progress.Advanced(done);
        progress.Finished();

        var lines = log.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("  a.tgz: downloading 10.0 MB", lines[0]);
        Assert.Matches(@"^  a\.tgz: 10\.0 MB in \d+\.\d\d s$", lines[1]);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\r', log.ToString());
    }

    [Fact]
    public void The_bar_shows_the_fraction_the_byte_counts_and_a_rate()
    {
        var progress = new ConsoleProgress(TextWriter.Null, interactive: true);

        progress.Started("b.deb", 2_000_000);
        progress.Advanced(500_000);

        Assert.Matches(@"^  b\.deb  \[#######-----------------------\]  25%  0\.5 MB / 2\.0 MB  [\d.]+ MB/s$", progress.Line());
    }
}
