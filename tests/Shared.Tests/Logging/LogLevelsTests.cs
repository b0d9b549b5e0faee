using Daft.Shared.Logging;
using Daft.Tests.Support;
using Serilog;
using Serilog.Events;

namespace Daft.Shared.Tests.Logging;

/// <summary>Level names: Akka's (what --log-level took before) and Serilog's, and Akka's level for each.</summary>
public sealed class LogLevelsTests
{
    [Theory]
    [InlineData("DEBUG", LogEventLevel.Debug)]
    [InlineData("INFO", LogEventLevel.Information)]
    [InlineData("WARNING", LogEventLevel.Warning)]
    [InlineData("ERROR", LogEventLevel.Error)]
    [InlineData("Verbose", LogEventLevel.Verbose)]
    [InlineData("debug", LogEventLevel.Debug)]
    [InlineData("Information", LogEventLevel.Information)]
    [InlineData("warn", LogEventLevel.Warning)]
    [InlineData("Fatal", LogEventLevel.Fatal)]
    public void Akka_and_Serilog_names_parse(string name, LogEventLevel level) => Assert.Equal(level, LogLevels.Parse(name));

    [Theory]
    [InlineData(LogEventLevel.Verbose, "DEBUG")]
    [InlineData(LogEventLevel.Debug, "DEBUG")]
    [InlineData(LogEventLevel.Information, "INFO")]
    [InlineData(LogEventLevel.Warning, "WARNING")]
    [InlineData(LogEventLevel.Error, "ERROR")]
    [InlineData(LogEventLevel.Fatal, "ERROR")]
    public void Each_level_maps_to_the_nearest_Akka_level(LogEventLevel level, string akka) => Assert.Equal(akka, LogLevels.ToAkka(level));

    [Fact]
    public void An_unknown_name_is_refused_with_the_names()
    {
        var error = Assert.Throws<ArgumentException>(() => LogLevels.Parse("loud"));
        Assert.Contains("'loud' is not a log level", error.Message);
        Assert.Contains("WARNING", error.Message);
        Assert.False(LogLevels.TryParse(null, out _));
    }

    [Theory]
    [InlineData(LogEventLevel.Debug)]
    [InlineData(LogEventLevel.Warning)]
    [InlineData(LogEventLevel.Fatal)]
    public void The_minimum_of_a_logger_is_its_lowest_enabled_level(LogEventLevel level)
    {
        using var log = new LoggerConfiguration().MinimumLevel.Is(level).WriteTo.Sink(new MemorySink()).CreateLogger();
        Assert.Equal(level, LogLevels.MinimumOf(log));
    }
}
