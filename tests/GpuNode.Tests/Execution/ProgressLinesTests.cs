using Daft.GpuNode.Farm.Execution;
using Daft.Shared.Farm;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>The <c>@progress {json}</c> lines between a job child and its executor.</summary>
public sealed class ProgressLinesTests
{
    [Fact]
    public void A_line_is_snake_case_json_with_the_milestone_flag_and_reads_back()
    {
        var progress = new JobProgress("eval", 1, 2, 0.5, 0.9, new Dictionary<string, double> { ["digits_inverted"] = 0.25 });

        var line = ProgressLines.Format(progress, milestone: true);

        Assert.Equal("""@progress {"phase":"eval","epoch":1,"epochs":2,"train_loss":0.5,"id_val":0.9,"ood":{"digits_inverted":0.25},"milestone":true}""", line);
        Assert.True(ProgressLines.TryParse(line, out var back, out var milestone));
        Assert.True(milestone);
        Assert.Equal(progress with { Ood = null }, back with { Ood = null });
        Assert.Equal(progress.Ood, back.Ood);
    }

    [Fact]
    public void Nulls_and_a_nan_loss_survive()
    {
        var line = ProgressLines.Format(new JobProgress("setup", 0, 0, double.NaN, null, null), milestone: false);

        Assert.True(ProgressLines.TryParse(line, out var back, out var milestone));
        Assert.False(milestone);
        Assert.Equal("setup", back.Phase);
        Assert.True(double.IsNaN(back.TrainLoss!.Value));
        Assert.Null(back.IdVal);
    }

    [Theory]
    [InlineData("/tmp/out/result.json")]
    [InlineData("@progress not json")]
    [InlineData("@progress [1,2]")]
    [InlineData("""@progress {"epoch":1}""")]
    [InlineData("""@progress {"phase":"train","milestone":"yes"}""")]
    public void Other_lines_are_not_progress(string line)
    {
        Assert.False(ProgressLines.TryParse(line, out _, out _));
    }

    [Fact]
    public void The_writer_puts_one_flushed_line_per_event()
    {
        var output = new StringWriter();
        var write = ProgressLines.Writer(output);

        write(new JobProgress("train", 0, 1, null, null, null), false);
        write(new JobProgress("eval", 1, 1, 1.0, 0.5, new Dictionary<string, double>()), true);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith(ProgressLines.Prefix, line));
        Assert.EndsWith("\"milestone\":true}", lines[1]);
    }
}
