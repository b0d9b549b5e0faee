using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Daft.Shared.Logging;

/// <summary>
/// Writes each event, formatted whole first, to a <see cref="TextWriter"/> and flushes it: the console sink writes to
/// the process's console only, while a command writes to the writer it was given (a test's, a job child's stderr
/// read by its node). One event is one write under the writer's lock, so lines from several threads never interleave.
/// </summary>
public sealed class WriterSink(TextWriter output, ITextFormatter formatter) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        var text = new StringWriter(output.FormatProvider);
        formatter.Format(logEvent, text);
        lock (output)
        {
            output.Write(text.ToString());
            output.Flush();
        }
    }
}
