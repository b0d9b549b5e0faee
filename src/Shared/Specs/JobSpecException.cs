namespace Daft.Shared.Specs;

/// <summary>
/// A job file could not be read or is invalid. <see cref="Errors"/> holds every problem found in one pass, in file
/// order; <see cref="Exception.Message"/> is those errors, one per line, in <c>file:line:col: message</c> form.
/// </summary>
public sealed class JobSpecException : Exception
{
    /// <summary>Wraps the errors found in one job file (at least one).</summary>
    public JobSpecException(IReadOnlyList<JobSpecError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A JobSpecException needs at least one error.", nameof(errors));
        }

        Errors = [.. errors];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<JobSpecError> Errors { get; }
}
