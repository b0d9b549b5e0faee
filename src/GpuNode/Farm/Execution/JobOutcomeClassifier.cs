using System.Text.Json;
using Daft.GpuNode.Cli;
using Daft.Shared.Specs;
using static Daft.GpuNode.Farm.Execution.JobStatuses;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// Decides how an attempt ended from what it left — the child's exit code, result.json, its stderr; or, in-process,
/// the exception — and whether retrying could help. A bad spec, a NaN loss and running out of memory fail the same
/// way every time (retrying them only burns the attempts); a crash, a kill or an I/O error may not. Pure functions:
/// every rule is unit-tested without running a job.
/// </summary>
public static class JobOutcomeClassifier
{
    /// <summary>
    /// A <c>daft-node run-job</c> child's end. <paramref name="resultJson"/>: result.json's text, null when the child
    /// wrote none; <paramref name="errorLines"/>: its stderr lines that pass <see cref="OutcomeText.IsErrorLine"/>
    /// (the first and the last few are enough).
    /// </summary>
    public static JobOutcome FromProcess(int exitCode, string? resultJson, IReadOnlyList<string> errorLines)
    {
        var result = ResultFacts.Read(resultJson);
        if (exitCode == 0 && result.Status == "succeeded")
            return Success(resultJson!);
        if (result.Status == "stopped_nan")
            return StoppedOnNaN(result, resultJson!);
        if (OutOfMemory(result.Error, errorLines) is { } memory)
            return Failure($"out of memory: {memory}", retryable: false, resultJson);
        if (exitCode == CliErrors.InputError)
            return Failure($"bad job spec: {Head(errorLines) ?? Message(result.Error) ?? "run-job exited with code 2"}", retryable: false, resultJson);
        if (Signals.FromExitCode(exitCode) is { } signal)
            return Failure($"job process killed by signal {signal} ({Signals.Name(signal)})" + (errorLines.Count > 0 ? $": {errorLines[0]}" : ""),
                retryable: true, resultJson);
        if (exitCode == 0)
            return Failure("job process exited 0 without a readable result.json", retryable: true, resultJson);
        return Failure(result.Error ?? Tail(errorLines) ?? $"job process exited with code {exitCode}", retryable: true, resultJson);
    }

    /// <summary>
    /// A job run in-process that threw <paramref name="error"/> (not a cancellation); <paramref name="resultJson"/>
    /// is the failed result.json the runner wrote, if it got that far. The same rules as <see cref="FromProcess"/>,
    /// the exception types standing in for exit codes.
    /// </summary>
    public static JobOutcome FromException(Exception error, string? resultJson)
    {
        if (error is OutOfMemoryException || OutcomeText.MentionsOutOfMemory(error.Message))
            return Failure($"out of memory: {error.Message}", retryable: false, resultJson);
        if (error is ConfigException config)
            return Failure($"bad job spec: {Head([.. config.Errors.Select(e => e.ToString())])}", retryable: false, resultJson);
        // What daft-node run-job exits 2 for (CliErrors.Guard): input that retrying cannot fix.
        if (error is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException)
            return Failure($"bad job spec: {error.Message}", retryable: false, resultJson);
        return Failure($"{error.GetType().Name}: {error.Message}", retryable: true, resultJson);
    }

    /// <summary>A job that returned a result: succeeded, or stopped on a NaN loss (a failure of its learning rate).</summary>
    public static JobOutcome FromResult(string resultJson)
    {
        var result = ResultFacts.Read(resultJson);
        return result.Status switch
        {
            "succeeded" => Success(resultJson),
            "stopped_nan" => StoppedOnNaN(result, resultJson),
            _ => Failure(result.Error ?? $"the job ended with status {result.Status ?? "unknown"}", retryable: true, resultJson),
        };
    }

    // The same seed diverges the same way again: a result of the sweep's learning-rate grid, not a fault.
    static JobOutcome StoppedOnNaN(ResultFacts result, string resultJson) =>
        Failure($"loss became NaN at epoch {result.FinishedEpochs + 1}", retryable: false, resultJson);

    static string? OutOfMemory(string? resultError, IReadOnlyList<string> errorLines) =>
        OutcomeText.MentionsOutOfMemory(resultError) ? Message(resultError)
        : errorLines.FirstOrDefault(OutcomeText.MentionsOutOfMemory) is { } line ? OutcomeText.WithoutExceptionType(OutcomeText.Short(line))
        : null;

    /// <summary>The first lines (a spec's errors, one a line): what to fix first.</summary>
    static string? Head(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? null : string.Join("; ", lines.Take(3).Select(OutcomeText.Short));

    /// <summary>The last lines: where a run that failed says why.</summary>
    static string? Tail(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? null : string.Join("; ", lines.TakeLast(2).Select(OutcomeText.Short));

    static string? Message(string? error) => error is null ? null : OutcomeText.WithoutExceptionType(error);

    /// <summary>What the classification needs from result.json; all null when it is absent or unreadable (a crash mid-write).</summary>
    sealed record ResultFacts(string? Status, string? Error, int FinishedEpochs)
    {
        public static ResultFacts Read(string? json)
        {
            if (json is null)
                return new(null, null, 0);
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                return new(Text(root, "status"), Text(root, "error"),
                    root.TryGetProperty("epochs", out var epochs) && epochs.ValueKind == JsonValueKind.Array ? epochs.GetArrayLength() : 0);
            }
            catch (JsonException)
            {
                return new(null, null, 0);
            }
        }

        static string? Text(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
