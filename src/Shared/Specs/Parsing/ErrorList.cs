namespace Daft.Shared.Specs.Parsing;

/// <summary>Collects the errors of one job file so that all of them are reported together.</summary>
internal sealed class ErrorList(string file)
{
    private readonly List<ConfigError> _errors = [];
    private readonly HashSet<ConfigError> _seen = [];

    public string File { get; } = file;

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>How many errors so far (a caller compares counts to see whether a step added any).</summary>
    public int Count => _errors.Count;

    /// <summary>Records an error; one equal to an error already recorded (a sweep's check failing at many points) is dropped.</summary>
    public void Add(Position at, string message)
    {
        var error = new ConfigError(File, at.Line, at.Column, message);
        if (_seen.Add(error))
        {
            _errors.Add(error);
        }
    }

    /// <summary>An error about the file as a whole (unreadable, empty); it has no line.</summary>
    public void AddForFile(string message) => _errors.Add(new ConfigError(File, 0, 0, message));

    /// <summary>The errors in file order (stable for errors at the same position).</summary>
    public ConfigException ToException() =>
        new([.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
}
