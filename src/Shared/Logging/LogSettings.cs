using Serilog.Events;

namespace Daft.Shared.Logging;

/// <summary>
/// What a farm member's log looks like: its lowest <see cref="Level"/>, its <see cref="Format"/> on the console, and
/// <see cref="File"/>, a file that gets the same lines too (null: none).
/// </summary>
public sealed record LogSettings(LogEventLevel Level = LogLevels.Default, LogFormat Format = LogFormat.Text, string? File = null)
{
    /// <summary>
    /// Level and format from <c>$DAFT_LOG_LEVEL</c> and <c>$DAFT_LOG_FORMAT</c> where set and valid, else the defaults
    /// (Information, text): for what has no log options of its own (<c>daft run</c>'s coordinator).
    /// </summary>
    public static LogSettings FromEnvironment()
    {
        LogLevels.TryParse(Environment.GetEnvironmentVariable(LogLevels.Variable), out var level);
        LogFormats.TryParse(Environment.GetEnvironmentVariable(LogFormats.Variable), out var format);
        return new LogSettings(level, format);
    }
}
