using System.CommandLine;

namespace Daft.Shared.Logging;

/// <summary>
/// The log options of the long-running verbs (<c>daft serve</c>, <c>daft-node serve</c>), each with an environment
/// variable so that a container needs no arguments: <c>--log-level</c> (<c>$DAFT_LOG_LEVEL</c>, default INFO),
/// <c>--log-format text|json</c> (<c>$DAFT_LOG_FORMAT</c>, default text), <c>--log-file PATH</c>
/// (<c>$DAFT_LOG_FILE</c>: the same lines appended to a file as well).
/// </summary>
public sealed class LogOptions
{
    public const string FileVariable = "DAFT_LOG_FILE";

    public LogOptions()
    {
        Level.Validators.Add(result =>
        {
            if (!LogLevels.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--log-level: '{result.GetValueOrDefault<string>()}' is not a log level: use {LogLevels.Names}.");
            }
        });
        Format.Validators.Add(result =>
        {
            if (!LogFormats.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--log-format: '{result.GetValueOrDefault<string>()}' is not a log format: use text or json.");
            }
        });
    }

    public Option<string> Level { get; } = new("--log-level")
    {
        Description = $"Lowest level logged: {LogLevels.Names} (${LogLevels.Variable}).",
        DefaultValueFactory = _ => Environment(LogLevels.Variable) ?? "INFO",
    };

    public Option<string> Format { get; } = new("--log-format")
    {
        Description = $"text (readable lines) or json (one JSON object a line: @t, @l, @m, @mt, @x and the properties; for a log collector) (${LogFormats.Variable}).",
        DefaultValueFactory = _ => Environment(LogFormats.Variable) ?? "text",
    };

    public Option<string?> File { get; } = new("--log-file")
    {
        Description = $"Also append the log to this file, in the same format (${FileVariable}).",
        DefaultValueFactory = _ => Environment(FileVariable),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Level);
        command.Options.Add(Format);
        command.Options.Add(File);
    }

    /// <summary>The settings the options (or their variables, or the defaults) give.</summary>
    /// <exception cref="ArgumentException">A level or format that names none (the validators report those first).</exception>
    public LogSettings Settings(ParseResult parse) => new(
        LogLevels.Parse(parse.GetRequiredValue(Level)),
        LogFormats.Parse(parse.GetRequiredValue(Format)),
        parse.GetValue(File));

    private static string? Environment(string name) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
