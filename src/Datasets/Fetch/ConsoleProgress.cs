using System.Diagnostics;
using System.Globalization;

namespace Daft.Datasets.Fetch;

/// <summary>
/// Progress on a console: on a terminal, one bar redrawn in place (at most 10 times a second); when the output is a
/// file or a pipe (CI logs), a plain line at each further 10% but at most one every 2 seconds, so logs stay short
/// for fast transfers and still show a slow one moving.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, bool interactive) : IFetchProgress
{
    const int BarWidth = 30;
    static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan LogLineEvery = TimeSpan.FromSeconds(2);

    readonly Stopwatch _clock = new();
    string _what = "";
    long? _total;
    long _done;
    int _lastDecile;
    TimeSpan _lastDraw;

    /// <summary>Progress on standard error, drawn as a bar when standard error is a terminal.</summary>
    public static ConsoleProgress ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

    public void Note(string message) => output.WriteLine(message);

    public void Started(string what, long? totalBytes)
    {
        _what = what;
        _total = totalBytes;
        _done = 0;
        _lastDecile = 0;
        _lastDraw = TimeSpan.Zero;
        _clock.Restart();
        if (!interactive)
            output.WriteLine($"  {what}: downloading{(totalBytes is { } t ? " " + Megabytes(t) : "")}");
    }

    public void Advanced(long doneBytes)
    {
        _done = doneBytes;
        if (interactive)
        {
            if (_clock.Elapsed - _lastDraw >= RedrawEvery)
            {
                _lastDraw = _clock.Elapsed;
                output.Write("\r" + Line());
            }
            return;
        }
        if (_total is > 0 && doneBytes * 10 / _total.Value is var decile && decile > _lastDecile && decile < 10
            && _clock.Elapsed - _lastDraw >= LogLineEvery)
        {
            _lastDecile = (int)decile;
            _lastDraw = _clock.Elapsed;
            output.WriteLine($"  {_what}: {Line(withName: false)}");
        }
    }

    public void Finished()
    {
        if (interactive)
            output.WriteLine("\r" + Line());
        else
            output.WriteLine($"  {_what}: {Megabytes(_done)} in {_clock.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s");
    }

    /// <summary>The bar (when the size is known), the percentage, the byte counts and the rate.</summary>
    public string Line(bool withName = true)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var rate = $"{Megabytes((long)(_done / seconds))}/s";
        var name = withName ? $"  {_what}  " : "";
        if (_total is not > 0)
            return $"{name}{Megabytes(_done)}  {rate}";
        var fraction = Math.Clamp((double)_done / _total.Value, 0, 1);
        var filled = (int)(fraction * BarWidth);
        var bar = new string('#', filled) + new string('-', BarWidth - filled);
        return $"{name}[{bar}] {(fraction * 100).ToString("F0", CultureInfo.InvariantCulture),3}%  "
            + $"{Megabytes(_done)} / {Megabytes(_total.Value)}  {rate}";
    }

    static string Megabytes(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
