namespace Daft.GpuNode.Cli;

/// <summary>Exit codes and error reporting shared by the daft-node verbs.</summary>
public static class CliErrors
{
    /// <summary>Bad input: a missing or malformed file, an unknown name, mismatched shapes.</summary>
    public const int InputError = 2;

    /// <summary>
    /// Runs <paramref name="body"/>; a user-facing error (missing file, bad data, bad argument) prints one line
    /// naming the verb and returns <see cref="InputError"/>; anything else prints the message and returns
    /// <paramref name="failedExitCode"/>.
    /// </summary>
    public static int Guard(TextWriter stderr, string verb, Func<int> body, int failedExitCode = 1)
    {
        try
        {
            return body();
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"{verb}: {error.Message}");
            return InputError;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            stderr.WriteLine($"{verb}: failed: {error.GetType().Name}: {error.Message}");
            return failedExitCode;
        }
    }
}
