namespace Daft.Shared.Specs;

/// <summary>
/// A config file (a job or a dataset) could not be read or is invalid. <see cref="Errors"/> holds every problem found in one pass, in file
/// order; <see cref="Exception.Message"/> is those errors, one per line, in <c>file:line:col: message</c> form.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Wraps the errors found in one file (at least one).</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A ConfigException needs at least one error.", nameof(errors));
        }

        Errors = [.. errors];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
