using Serilog.Core;
using Serilog.Events;

namespace Daft.Tests.Support;

/// <summary>A Serilog sink that keeps every event, for tests that check what was logged and how.</summary>
internal sealed class MemorySink : ILogEventSink
{
    private readonly List<LogEvent> events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (events)
        {
            events.Add(logEvent);
        }
    }

    /// <summary>The first event <paramref name="match"/> accepts, waiting up to <paramref name="timeout"/> for it (Akka logs asynchronously).</summary>
    public async Task<LogEvent> WaitFor(Func<LogEvent, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Events.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no such event within {timeout.TotalSeconds:0} s; logged: {string.Join(" | ", Events.Select(e => e.RenderMessage()))}");
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>Reads a logged event: a scalar property, the message as a text log shows it.</summary>
internal static class LogEventProperties
{
    private static readonly Serilog.Formatting.Display.MessageTemplateTextFormatter Message = new("{Message:lj}");

    /// <summary>The rendered message with strings unquoted, as the farm's text and JSON logs write it.</summary>
    public static string Text(this LogEvent logEvent)
    {
        var text = new StringWriter();
        Message.Format(logEvent, text);
        return text.ToString();
    }

    public static object? Scalar(this LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value : null;
}
