using System.Text.Json;
using System.Text.RegularExpressions;
using Daft.Shared.Logging;
using Daft.Tests.Support;
using Serilog.Events;

namespace Daft.Shared.Tests.Logging;

/// <summary>What a farm member's log looks like in each format, on a writer and in a file.</summary>
public sealed partial class FarmLoggingTests
{
    [Fact]
    public void Json_is_one_parseable_object_a_line_with_time_level_message_and_properties()
    {
        var output = new StringWriter();
        using (var log = FarmLogging.Create(new LogSettings(Format: LogFormat.Json), FarmLogging.Node, output, node: "gpu-7"))
        {
            log.Information("job {JobId} attempt {Attempt} took {Seconds:0.0} s", "0123456789abcdef", 2, 1.2345);
            log.Warning(new InvalidOperationException("line one\nline two"), "device {Device} is \"slow\"", "cuda:1");
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var info = JsonDocument.Parse(lines[0]);
        using var warning = JsonDocument.Parse(lines[1]);
        var first = info.RootElement;
        Assert.Equal("Information", first.GetProperty("@l").GetString());
        Assert.Equal("job 0123456789abcdef attempt 2 took 1.2 s", first.GetProperty("@m").GetString());
        Assert.Equal("job {JobId} attempt {Attempt} took {Seconds:0.0} s", first.GetProperty("@mt").GetString());
        Assert.True(first.GetProperty("@t").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.EndsWith("Z", first.GetProperty("@t").GetString());
        Assert.Equal("0123456789abcdef", first.GetProperty("JobId").GetString());
        Assert.Equal(2, first.GetProperty("Attempt").GetInt32());
        Assert.Equal(1.2345, first.GetProperty("Seconds").GetDouble());
        Assert.Equal("node", first.GetProperty("Component").GetString());
        Assert.Equal("gpu-7", first.GetProperty("Node").GetString());
        Assert.False(first.TryGetProperty("@x", out _));
        var second = warning.RootElement;
        Assert.Equal("Warning", second.GetProperty("@l").GetString());
        Assert.Equal("device cuda:1 is \"slow\"", second.GetProperty("@m").GetString());
        Assert.StartsWith("System.InvalidOperationException: line one\nline two", second.GetProperty("@x").GetString());
    }

    [Fact]
    public void Text_is_a_line_with_the_UTC_time_the_level_and_the_message_then_the_exception()
    {
        var output = new StringWriter();
        using (var log = FarmLogging.Create(new LogSettings(), FarmLogging.Coordinator, output))
        {
            log.Information("sweep {Name} started", "tiny");
            log.Error(new TimeoutException("no answer"), "ledger write failed");
        }

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Matches(TextLine(), lines[0]);
        Assert.EndsWith(" INF sweep tiny started", lines[0]);
        Assert.EndsWith(" ERR ledger write failed", lines[1]);
        Assert.Equal("System.TimeoutException: no answer", lines[2]);
    }

    [Fact]
    public void The_level_drops_what_is_below_it_and_Microsoft_sources_log_from_Warning()
    {
        var output = new StringWriter();
        using (var log = FarmLogging.Create(new LogSettings(Level: LogEventLevel.Information), FarmLogging.Coordinator, output))
        {
            log.Debug("hidden debug");
            log.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Microsoft.Hosting.Lifetime").Information("hidden host line");
            log.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Microsoft.Hosting.Lifetime").Warning("host warning");
            log.Information("shown");
        }

        var text = output.ToString();
        Assert.DoesNotContain("hidden", text);
        Assert.Contains("host warning", text);
        Assert.Contains("shown", text);
    }

    [Fact]
    public void A_log_file_gets_the_same_lines_in_a_folder_made_for_it()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "logs", "coordinator.log");
        using (var log = FarmLogging.Create(new LogSettings(Format: LogFormat.Json, File: file), FarmLogging.Coordinator, console: null))
        {
            log.Information("into the file");
        }

        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(file)));
        Assert.Equal("into the file", line.RootElement.GetProperty("@m").GetString());
        Assert.Equal("coordinator", line.RootElement.GetProperty("Component").GetString());
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INF ")]
    private static partial Regex TextLine();
}
