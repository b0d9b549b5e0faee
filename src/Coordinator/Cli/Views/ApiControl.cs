using System.CommandLine;
using Daft.Coordinator.Api;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Cli.Views;

/// <summary>
/// <c>daft sweep submit</c> and <c>daft sweep cancel</c> with <c>--api</c>: the same changes through a coordinator's
/// HTTP API instead of its database, for a machine that cannot reach the database (or should not hold its password).
/// Exit 0; 2 when the API knows no such sweep or finds the file invalid; 5 when it cannot be reached or refuses the token.
/// </summary>
internal static class ApiControl
{
    /// <summary>
    /// Submits <paramref name="plan"/>, already checked here so that errors name the file as typed. The server parses
    /// the same text again, named by its absolute path, so relative paths in it resolve as they do here on a shared
    /// filesystem.
    /// </summary>
    public static async Task<int> SubmitAsync(ParseResult parse, ApiClient client, SweepPlan plan, CancellationToken cancellation)
    {
        try
        {
            var body = ApiClient.SweepBody(plan.SourceText ?? "", plan.SourceFile ?? "sweep.yaml");
            var submitted = await client.PostAsync<SubmitView>("api/sweeps", body, cancellation);
            parse.InvocationConfiguration.Output.WriteLine(
                $"submitted sweep {submitted.Name} ({submitted.SweepId}) to {client.BaseAddress} ({submitted.Ledger}): {submitted.Jobs} jobs, " +
                $"{submitted.AlreadySucceeded} already succeeded, {submitted.ToRun} to run ({submitted.New} new, {submitted.Requeued} re-queued)");
            return ExitCodes.Ok;
        }
        catch (ApiCallException error)
        {
            return Report(parse, "submit", error);
        }
    }

    public static async Task<int> CancelAsync(ParseResult parse, ApiClient client, string sweep, CancellationToken cancellation)
    {
        try
        {
            var cancelled = await client.PostAsync<CancelView>($"api/sweeps/{ApiClient.Segment(sweep)}/cancel", null, cancellation);
            parse.InvocationConfiguration.Output.WriteLine(
                $"sweep {cancelled.Name} ({cancelled.SweepId}): cancelled through {client.BaseAddress}; its {cancelled.OpenJobs} open jobs are being stopped");
            return ExitCodes.Ok;
        }
        catch (ApiCallException error)
        {
            return Report(parse, "cancel", error);
        }
    }

    private static int Report(ParseResult parse, string verb, ApiCallException error)
    {
        var failure = CliFailure.From(error);
        parse.InvocationConfiguration.Error.WriteLine($"sweep {verb}: {failure.Message}");
        return failure.ExitCode;
    }
}
