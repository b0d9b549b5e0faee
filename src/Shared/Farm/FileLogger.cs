using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Daft.Shared.Farm;

/// <summary>
/// An Akka logger that appends to a file instead of the console, so that <c>daft run</c>'s live view is not torn by the
/// cluster's own messages (joins, leaves, disassociations). The file is <see cref="Path"/>, set before the actor system
/// starts (one per process).
/// </summary>
public sealed class FileLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private static readonly object Gate = new();

    /// <summary>Where log lines go; null = nowhere.</summary>
    public static string? Path { get; set; }

    public FileLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    private static void Write(LogEvent log)
    {
        if (Path is not { } path)
        {
            return;
        }

        var line = $"{log.Timestamp:O} {log.LogLevel().ToString().Replace("Level", "", StringComparison.Ordinal).ToUpperInvariant()} [{log.LogSource}] {log}{Environment.NewLine}";
        lock (Gate)
        {
            File.AppendAllText(path, line);
        }
    }
}
