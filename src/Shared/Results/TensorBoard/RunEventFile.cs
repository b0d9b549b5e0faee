namespace Daft.Shared.Results.TensorBoard;

/// <summary>
/// Writes one job's event file: its <see cref="RunScalars"/> into a folder of its own (a TensorBoard run), the file named
/// after when its epochs began and the machine that ran it (<see cref="RunEnvironment.Machine"/>). The node writes it
/// next to result.json (<see cref="JobFolder"/>); <c>daft results tensorboard</c> writes it from the ledger.
/// </summary>
public static class RunEventFile
{
    /// <summary>The folder under a job's output folder that holds its event file.</summary>
    public const string JobFolder = "tensorboard";

    /// <param name="folder">the run's folder; event files already there are replaced.</param>
    /// <param name="result">the job's result.</param>
    /// <param name="jobStarted">when the job started (its timings count from there).</param>
    /// <returns>the event file's path.</returns>
    public static string Write(string folder, RunResult result, DateTimeOffset jobStarted)
    {
        var began = RunScalars.EpochsBegan(jobStarted, result.Timings);
        return EventFile.Write(folder, began, result.Environment.Machine, RunScalars.Of(result, began));
    }
}
