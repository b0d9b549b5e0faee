using System.CommandLine;
using Daft.Shared.Logging;
using Serilog.Events;

namespace Daft.Shared.Tests.Logging;

/// <summary>The serve verbs' log options: what they parse to, and what they refuse.</summary>
public sealed class LogOptionsTests
{
    private static (ParseResult Parse, LogOptions Options) Parse(params string[] args)
    {
        var options = new LogOptions();
        var command = new RootCommand();
        options.AddTo(command);
        return (command.Parse(args), options);
    }

    [Fact]
    public void Akka_level_names_json_and_a_file_are_taken()
    {
        var (parse, options) = Parse("--log-level", "WARNING", "--log-format", "json", "--log-file", "/tmp/x.log");

        Assert.Empty(parse.Errors);
        Assert.Equal(new LogSettings(LogEventLevel.Warning, LogFormat.Json, "/tmp/x.log"), options.Settings(parse));
    }

    [Fact]
    public void Serilog_level_names_are_taken_too()
    {
        var (parse, options) = Parse("--log-level", "Verbose", "--log-format", "TEXT");

        Assert.Empty(parse.Errors);
        Assert.Equal((LogEventLevel.Verbose, LogFormat.Text), (options.Settings(parse).Level, options.Settings(parse).Format));
    }

    [Fact]
    public void An_unknown_level_or_format_is_a_parse_error_naming_the_choices()
    {
        var (level, _) = Parse("--log-level", "LOUD");
        var (format, _) = Parse("--log-format", "xml");

        Assert.Contains(level.Errors, error => error.Message.Contains("'LOUD' is not a log level", StringComparison.Ordinal));
        Assert.Contains(format.Errors, error => error.Message.Contains("use text or json", StringComparison.Ordinal));
    }
}
