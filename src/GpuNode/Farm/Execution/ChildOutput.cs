using Daft.Shared.Farm;
using Daft.Shared.Logging;
using Serilog;
using Serilog.Core;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// Drains a job child's stdout and stderr while it runs: every line goes to the attempt's log as it is (the child's
/// log lines are already timestamped text, <see cref="Jobs.JobLogs"/>), the executor's own notes as log lines of the
/// same shape, stdout's
/// <c>@progress</c> lines to the progress callback, and stderr's error lines (<see cref="OutcomeText.IsErrorLine"/>)
/// are kept — the first few and the last few, plus every one that mentions running out of memory — for
/// <see cref="JobOutcomeClassifier.FromProcess"/>. Bounded, however much the child prints.
/// </summary>
sealed class ChildOutput(TextWriter log, Action<JobProgress, bool> onProgress) : IDisposable
{
    const int HeadLines = 5;
    const int TailLines = 20;
    readonly Lock _gate = new();
    // Writes under the log writer's own lock, as Log does: a note never lands inside a child's line.
    readonly Logger _notes = new LoggerConfiguration().Enrich.WithProperty("Component", FarmLogging.Node)
        .WriteTo.Sink(new WriterSink(log, FarmLogging.Formatter(LogFormat.Text))).CreateLogger();
    readonly List<string> _head = [];
    readonly Queue<string> _tail = new();
    readonly List<string> _memory = [];

    /// <summary>Reads stdout to its end.</summary>
    public Task PumpStdout(StreamReader reader) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            Log(line);
            if (ProgressLines.TryParse(line, out var progress, out var milestone))
                Forward(progress, milestone);
        }
    });

    /// <summary>Reads stderr to its end.</summary>
    public Task PumpStderr(StreamReader reader) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            Log(line);
            if (!OutcomeText.IsErrorLine(line))
                continue;
            lock (_gate)
            {
                if (_head.Count < HeadLines)
                    _head.Add(line);
                else
                {
                    _tail.Enqueue(line);
                    if (_tail.Count > TailLines)
                        _tail.Dequeue();
                }
                if (OutcomeText.MentionsOutOfMemory(line) && _memory.Count < HeadLines)
                    _memory.Add(line);
            }
        }
    });

    /// <summary>The kept error lines in order: the head, the out-of-memory ones, the tail.</summary>
    public IReadOnlyList<string> ErrorLines()
    {
        lock (_gate)
            return [.. _head, .. _memory.Except(_head).Except(_tail), .. _tail];
    }

    /// <summary>A line of the executor's own in the attempt's log (a log line: timestamp, level, "[daft-node executor] ").</summary>
    public void Note(string line) => _notes.Information("[daft-node executor] {Note:l}", line);

    public void Dispose() => _notes.Dispose();

    void Log(string line)
    {
        lock (log)
        {
            // An orphan that kept the pipe open may still print after the attempt ended and its log closed.
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    void Forward(JobProgress progress, bool milestone)
    {
        try
        {
            onProgress(progress, milestone);
        }
        catch (Exception)
        {
            // Progress is advisory: a listener's fault must not stop reading, or the child would block on a full pipe.
        }
    }
}
