using Serilog;
using Serilog.Events;

namespace Daft.Shared.Logging;

/// <summary>
/// The log levels the farm's <c>--log-level</c> options take. They took Akka's names before the farm logged through
/// Serilog (DEBUG, INFO, WARNING, ERROR), so those still work next to Serilog's own (Verbose, Debug, Information,
/// Warning, Error, Fatal), case-insensitively. Akka, which has only four levels, gets the nearest of them.
/// </summary>
public static class LogLevels
{
    /// <summary>Environment variable with the level, for containers (the option wins).</summary>
    public const string Variable = "DAFT_LOG_LEVEL";

    /// <summary>The level a farm member logs at unless told otherwise.</summary>
    public const LogEventLevel Default = LogEventLevel.Information;

    /// <summary>The accepted names, for help texts and error messages.</summary>
    public const string Names = "DEBUG, INFO, WARNING, ERROR (Akka's names) or Verbose, Debug, Information, Warning, Error, Fatal";

    /// <summary>The level <paramref name="text"/> names; false when it names none.</summary>
    public static bool TryParse(string? text, out LogEventLevel level)
    {
        LogEventLevel? parsed = text?.Trim().ToUpperInvariant() switch
        {
            "VERBOSE" or "TRACE" => LogEventLevel.Verbose,
            "DEBUG" => LogEventLevel.Debug,
            "INFO" or "INFORMATION" => LogEventLevel.Information,
            "WARN" or "WARNING" => LogEventLevel.Warning,
            "ERROR" => LogEventLevel.Error,
            "FATAL" => LogEventLevel.Fatal,
            _ => null,
        };
        level = parsed ?? Default;
        return parsed is not null;
    }

    /// <summary>The level <paramref name="text"/> names.</summary>
    /// <exception cref="ArgumentException">It names none; the message lists the names.</exception>
    public static LogEventLevel Parse(string text) => TryParse(text, out var level)
        ? level
        : throw new ArgumentException($"'{text}' is not a log level: use {Names}.", nameof(text));

    /// <summary>Akka's name for <paramref name="level"/>: Verbose is Akka's DEBUG, Fatal its ERROR.</summary>
    public static string ToAkka(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARNING",
        _ => "ERROR",
    };

    /// <summary>
    /// The lowest level <paramref name="log"/> writes: what Akka should publish, so that it neither formats messages
    /// that Serilog drops nor drops messages that Serilog would write.
    /// </summary>
    public static LogEventLevel MinimumOf(ILogger log) =>
        Enum.GetValues<LogEventLevel>().FirstOrDefault(log.IsEnabled, LogEventLevel.Fatal);
}
