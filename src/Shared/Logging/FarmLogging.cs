using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Daft.Shared.Logging;

/// <summary>
/// Builds the Serilog logger of a farm member from its <see cref="LogSettings"/>: every event carries
/// <c>Component</c> (<see cref="Coordinator"/>, <see cref="Node"/>, <see cref="Job"/>) and, on a node, <c>Node</c>
/// (its name), so that the logs of a whole cluster can be told apart once collected. Akka's log reaches the same logger
/// through <see cref="SerilogAkkaLogger"/>, Microsoft.Extensions.Logging's through the hosts' <c>AddSerilog</c>.
/// </summary>
public static class FarmLogging
{
    public const string Coordinator = "coordinator";
    public const string Node = "node";
    public const string Job = "job";

    /// <summary>
    /// A logger writing to <paramref name="console"/> (null: no console; <c>daft run</c>'s progress display owns the
    /// terminal) and to <see cref="LogSettings.File"/>. On the process's own console the text format is coloured when
    /// it is a terminal. Microsoft.* sources (the generic host, later ASP.NET Core) log from Warning up unless the level
    /// asks for Debug: their Information lines are per request.
    /// </summary>
    public static Logger Create(LogSettings settings, string component, TextWriter? console, string? node = null)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .MinimumLevel.Override("Microsoft", settings.Level <= LogEventLevel.Debug ? settings.Level : LogEventLevel.Warning)
            .Enrich.WithProperty("Component", component);
        if (node is not null)
        {
            configuration.Enrich.WithProperty("Node", node);
        }

        if (console is not null)
        {
            AddConsole(configuration, settings.Format, console);
        }

        if (settings.File is { } file)
        {
            AddFile(configuration, settings.Format, file);
        }

        return configuration.CreateLogger();
    }

    /// <summary>The formatter of <paramref name="format"/>: <see cref="LogFormats.TextTemplate"/> lines or <see cref="JsonLogFormatter"/>.</summary>
    public static ITextFormatter Formatter(LogFormat format) => format == LogFormat.Json
        ? new JsonLogFormatter()
        : new MessageTemplateTextFormatter(LogFormats.TextTemplate, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Appends <paramref name="format"/> lines to <paramref name="path"/> (its folder created), each flushed as it is
    /// written so that a reader, or a crash, sees every line; no size limit (Serilog's default drops lines past 1 GB).
    /// </summary>
    public static LoggerConfiguration AddFile(LoggerConfiguration configuration, LogFormat format, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return configuration.WriteTo.File(Formatter(format), path, fileSizeLimitBytes: null);
    }

    private static void AddConsole(LoggerConfiguration configuration, LogFormat format, TextWriter console)
    {
        var toStandardError = ReferenceEquals(console, Console.Error);
        if (ReferenceEquals(console, Console.Out) || toStandardError)
        {
            LogEventLevel? fromLevel = toStandardError ? LogEventLevel.Verbose : null;
            if (format == LogFormat.Json)
            {
                configuration.WriteTo.Console(new JsonLogFormatter(), standardErrorFromLevel: fromLevel);
            }
            else
            {
                configuration.WriteTo.Console(outputTemplate: LogFormats.TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    standardErrorFromLevel: fromLevel);
            }

            return;
        }

        configuration.WriteTo.Sink(new WriterSink(console, Formatter(format)));
    }
}
