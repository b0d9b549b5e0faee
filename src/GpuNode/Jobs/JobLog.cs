using System.Globalization;

namespace Daft.GpuNode.Jobs;

/// <summary>A job's log: timestamped lines to the job's log file and to stderr.</summary>
public sealed class JobLog : IDisposable
{
    readonly StreamWriter? _file;
    readonly TextWriter _console;
    readonly Lock _gate = new();

    public JobLog(string? path, TextWriter? console = null)
    {
        _console = console ?? Console.Error;
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            _file = new StreamWriter(path, append: false) { AutoFlush = true };
        }
    }

    public void Info(string message)
    {
        var line = $"{DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} {message}";
        lock (_gate)
        {
            _file?.WriteLine(line);
            _console.WriteLine(line);
        }
    }

    public void Dispose() => _file?.Dispose();
}
