using System.CommandLine;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Jobs;

/// <summary>
/// <c>daft job logs JOB [--attempt N] [--follow]</c>: an attempt's log from the job's folder under the farm home (the
/// latest attempt by default); <c>--follow</c> keeps printing what is appended until the job ends.
/// </summary>
internal static class JobLogsCommand
{
    /// <summary>How often --follow looks for more: often enough to feel live, rarely enough to cost nothing.</summary>
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var arguments = new FarmJobArguments();
        var attempt = new Option<int?>("--attempt") { Description = "Which attempt's log (1-based); default: the latest." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until the job ends (Ctrl-C stops)." };
        var command = new Command("logs", """
            Print a job's log: everything the job wrote during one attempt (default: the latest), from its folder under
            the farm home.

            Examples:
              daft job logs 3f2a9c1e
              daft job logs 3f2a9c1e --attempt 1
              daft job logs 3f2a9c1e --follow
            """)
        {
            attempt, follow,
        };
        arguments.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            using var ledger = LedgerFactory.Open(parse.GetValue(arguments.Farm.Database), parse.GetValue(arguments.Farm.Home));
            if (arguments.Find(parse, ledger, "job logs") is not { } job)
            {
                return ExitCodes.InvalidInput;
            }

            var folder = Daft.Shared.Data.FarmHome.JobDirectory(arguments.Farm.HomeOf(parse), job.Id);
            var logs = JobLogs.In(folder);
            var wanted = parse.GetValue(attempt);
            var path = wanted is { } number ? logs.FirstOrDefault(log => JobLogs.AttemptOf(log) == number) : logs.LastOrDefault();
            if (path is null)
            {
                var which = wanted is { } n ? $"attempt {n}" : "any attempt";
                var where = job.Node is null ? "it has not run yet" : $"it ran on {job.Node}, whose farm home keeps its logs; pass that home with --home";
                parse.InvocationConfiguration.Error.WriteLine($"job logs: no log of {which} of job {job.Id} in {folder} ({where}).");
                return ExitCodes.InvalidInput;
            }

            await Print(parse.InvocationConfiguration.Output, path, parse.GetValue(follow) ? () => IsOpen(ledger, job.Id) : null, cancellation);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool IsOpen(IJobLedger ledger, string jobId) => ledger.Job(jobId)?.State.IsOpen() == true;

    /// <summary>Copies the file; with <paramref name="stillRunning"/>, then what is appended, until it says no.</summary>
    private static async Task Print(TextWriter output, string path, Func<bool>? stillRunning, CancellationToken cancellation)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        await output.WriteAsync(await reader.ReadToEndAsync(cancellation));
        if (stillRunning is null)
        {
            return;
        }

        try
        {
            while (stillRunning())
            {
                await Task.Delay(FollowPoll, cancellation);
                await output.WriteAsync(await reader.ReadToEndAsync(cancellation));
                await output.FlushAsync(cancellation);
            }

            // What the job wrote between the last read and its end.
            await output.WriteAsync(await reader.ReadToEndAsync(cancellation));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
