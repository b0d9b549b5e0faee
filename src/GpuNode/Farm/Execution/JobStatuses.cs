namespace Daft.GpuNode.Farm.Execution;

/// <summary>The values of <see cref="JobOutcome.Status"/>, and the outcomes every executor builds.</summary>
public static class JobStatuses
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>The job produced a result to keep.</summary>
    public static JobOutcome Success(string resultJson) => new(Succeeded, null, false, resultJson);

    /// <summary>The attempt failed for <paramref name="reason"/>; <paramref name="retryable"/>: another attempt could succeed.</summary>
    public static JobOutcome Failure(string reason, bool retryable, string? resultJson = null) =>
        new(Failed, OutcomeText.Short(reason), retryable, resultJson);

    /// <summary>The attempt was stopped on request (a user's cancel, a lost lease, a draining node).</summary>
    public static JobOutcome Cancellation(string? resultJson = null) => new(Cancelled, "cancelled while running", false, resultJson);
}
