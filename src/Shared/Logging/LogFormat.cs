namespace Daft.Shared.Logging;

/// <summary>
/// How a farm member writes its log: <see cref="Text"/> lines for people (a terminal, the files under the farm home),
/// or <see cref="Json"/>, one JSON object a line (<see cref="JsonLogFormatter"/>), for a log collector such as a
/// Kubernetes pod's.
/// </summary>
public enum LogFormat
{
    Text,
    Json,
}

/// <summary>The <c>--log-format</c> names and the text layout.</summary>
public static class LogFormats
{
    /// <summary>Environment variable with the format, for containers (the option wins).</summary>
    public const string Variable = "DAFT_LOG_FORMAT";

    /// <summary>
    /// A text line: UTC time to the millisecond, level in three letters, the message with its values as written (no
    /// quotes around strings), the exception's full text on the lines after. Job logs are read by the node in this
    /// shape (a line that starts with such a timestamp is a log line, not an error message of the job).
    /// </summary>
    public const string TextTemplate = "{UtcTimestamp:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {Level:u3} {Message:lj}{NewLine}{Exception}";

    /// <summary>The format <paramref name="text"/> names (text or json, any case); false for another name.</summary>
    public static bool TryParse(string? text, out LogFormat format)
    {
        LogFormat? parsed = text?.Trim().ToLowerInvariant() switch
        {
            "text" => LogFormat.Text,
            "json" => LogFormat.Json,
            _ => null,
        };
        format = parsed ?? LogFormat.Text;
        return parsed is not null;
    }

    /// <summary>The format <paramref name="text"/> names.</summary>
    /// <exception cref="ArgumentException">It is neither text nor json.</exception>
    public static LogFormat Parse(string text) => TryParse(text, out var format)
        ? format
        : throw new ArgumentException($"'{text}' is not a log format: use text or json.", nameof(text));
}
