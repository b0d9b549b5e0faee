using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Serilog;
using Serilog.Events;
using AkkaLogEvent = Akka.Event.LogEvent;
using LogEvent = Serilog.Events.LogEvent;

namespace Daft.Shared.Logging;

/// <summary>
/// Akka's logger (<c>akka.loggers</c>) that hands every Akka log event to Serilog: the actor system's own
/// (<see cref="SerilogSetup"/>), else <see cref="Log.Logger"/>. Each keeps Akka's timestamp, its level, its message
/// template with its values as properties (Akka 1.5 messages are templates, <c>{0}</c> or <c>{Name}</c>; a plain
/// string is a template without values, which renders as written), and the exception; and gets <c>LogSource</c> (what logged: an actor's path, "ActorSystem(daft)", a cluster daemon),
/// <c>ActorPath</c> when that is an actor, and <c>SourceContext</c> (the logging class, as Microsoft.Extensions.Logging
/// names it) when a class logged. Akka creates it by type name, so it has no constructor arguments.
/// </summary>
public sealed class SerilogAkkaLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILogger target;

    public SerilogAkkaLogger()
    {
        target = Context.System.Settings.Setup.Get<SerilogSetup>().Select(setup => setup.Logger).GetOrElse(Log.Logger);
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<AkkaLogEvent>(Write);
    }

    /// <summary>Serilog's level of an Akka event.</summary>
    public static LogEventLevel LevelOf(AkkaLogEvent logEvent) => logEvent.LogLevel() switch
    {
        Akka.Event.LogLevel.DebugLevel => LogEventLevel.Debug,
        Akka.Event.LogLevel.InfoLevel => LogEventLevel.Information,
        Akka.Event.LogLevel.WarningLevel => LogEventLevel.Warning,
        _ => LogEventLevel.Error,
    };

    private void Write(AkkaLogEvent logEvent) => Forward(target, logEvent);

    /// <summary>Writes <paramref name="logEvent"/> to <paramref name="target"/> as a Serilog event (see the class).</summary>
    public static void Forward(ILogger target, AkkaLogEvent logEvent)
    {
        var level = LevelOf(logEvent);
        if (!target.IsEnabled(level))
        {
            return;
        }

        var (template, values) = logEvent.Message is LogMessage message
            ? (message.Format, message.Parameters().ToArray())
            : (logEvent.Message?.ToString() ?? "", []);
        if (!target.BindMessageTemplate(template, values, out var parsed, out var bound))
        {
            return;
        }

        var properties = bound.ToList();
        properties.Add(new LogEventProperty("LogSource", new ScalarValue(logEvent.LogSource)));
        // Akka's log adapters made from a string source have this placeholder as their class: no class to name.
        if (logEvent.LogClass is { } type && type.Name != "DummyClassForStringSources")
        {
            properties.Add(new LogEventProperty(Serilog.Core.Constants.SourceContextPropertyName, new ScalarValue(type.FullName)));
        }

        if (ActorPath.TryParse(logEvent.LogSource, out var path))
        {
            properties.Add(new LogEventProperty("ActorPath", new ScalarValue(path.ToString())));
        }

        var timestamp = new DateTimeOffset(DateTime.SpecifyKind(logEvent.Timestamp, DateTimeKind.Utc));
        target.Write(new LogEvent(timestamp, level, logEvent.Cause, parsed, properties));
    }
}

/// <summary>
/// The Serilog logger an actor system's <see cref="SerilogAkkaLogger"/> writes to, given to the system as a setup
/// (<c>AddSetup</c>): several actor systems in one process (tests, <c>daft run</c>'s coordinator next to a test's)
/// each log where they were told to, with no process-wide logger in between.
/// </summary>
public sealed class SerilogSetup(ILogger logger) : Akka.Actor.Setup.Setup
{
    public ILogger Logger { get; } = logger;
}

/// <summary>
/// Akka's fallback logger (<c>akka.stdout-logger-class</c>), which Akka writes to before its loggers have started and
/// again once they have stopped while the system shuts down (at the system's log level, whatever
/// <c>stdout-loglevel</c> says). Instead of printing Akka's own line format on stdout it hands the event to Serilog's
/// process-wide <see cref="Log.Logger"/>: the serve verbs set that to their logger, elsewhere (tests,
/// <c>daft run</c>'s coordinator, whose terminal belongs to its progress display) it is Serilog's silent default.
/// </summary>
public sealed class SerilogFallbackLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is AkkaLogEvent logEvent)
        {
            SerilogAkkaLogger.Forward(Serilog.Log.Logger, logEvent);
        }
    }
}
