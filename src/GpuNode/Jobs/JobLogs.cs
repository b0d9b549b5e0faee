using System.Globalization;
using Daft.Shared.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Display;

namespace Daft.GpuNode.Jobs;

/// <summary>
/// A job's loggers. Its lines are Serilog events with <c>Component</c> "job" and its <c>JobId</c>, written as text
/// (<see cref="LogFormats.TextTemplate"/>) to <c>job.log</c> in the job's folder (the last attempt's, rewritten by each)
/// and to whatever the caller gives: <c>daft-node run-job</c>'s stderr (a terminal, or the attempt's log that the
/// node's process executor fills from it), the in-process executor's attempt log. Job logs stay text whatever a node's
/// <c>--log-format</c>: they are files for people, and the node tells a child's log lines from its error messages by
/// their leading timestamp (<see cref="Farm.Execution.OutcomeText.IsErrorLine"/>).
/// </summary>
public static class JobLogs
{
    /// <summary>The job's own log in its folder.</summary>
    public const string FileName = "job.log";

    /// <summary>
    /// A text line without the exception's stack: what a job writes on stderr. The stack is in job.log; on stderr its
    /// lines would pass for the job's error messages, which the node reads a failed job's reason from.
    /// </summary>
    public const string LineTemplate = "{UtcTimestamp:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {Level:u3} {Message:lj}{NewLine}";

    /// <summary>A job's lines on <paramref name="stderr"/> (<see cref="LineTemplate"/>), from Information up.</summary>
    public static Logger Console(TextWriter stderr) => new LoggerConfiguration()
        .Enrich.WithProperty("Component", FarmLogging.Job)
        .WriteTo.Sink(new WriterSink(stderr, new MessageTemplateTextFormatter(LineTemplate, CultureInfo.InvariantCulture)))
        .CreateLogger();

    /// <summary>A job's lines appended to <paramref name="path"/> (an attempt's log), stacks included.</summary>
    public static Logger File(string path) =>
        FarmLogging.AddFile(new LoggerConfiguration().Enrich.WithProperty("Component", FarmLogging.Job), LogFormat.Text, path).CreateLogger();

    /// <summary>
    /// The logger of job <paramref name="jobId"/> running into <paramref name="folder"/>: a fresh job.log (a previous
    /// attempt's is replaced), and <paramref name="also"/> when given.
    /// </summary>
    public static Logger ForJob(string folder, string jobId, ILogger? also)
    {
        var path = Path.Combine(folder, FileName);
        System.IO.File.Delete(path);
        var configuration = new LoggerConfiguration()
            .Enrich.WithProperty("Component", FarmLogging.Job)
            .Enrich.WithProperty("JobId", jobId);
        FarmLogging.AddFile(configuration, LogFormat.Text, path);
        if (also is not null)
            configuration.WriteTo.Logger(also);
        return configuration.CreateLogger();
    }
}
