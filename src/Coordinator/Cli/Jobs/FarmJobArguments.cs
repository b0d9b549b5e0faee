using System.CommandLine;
using Daft.Coordinator.Cli.Farm;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Jobs;

/// <summary>The job-id argument and ledger options the farm-job verbs share, and the lookup with its error message.</summary>
internal sealed class FarmJobArguments
{
    public Argument<string> Id { get; } = new("job-id") { Description = "The job's id, or a unique prefix of it (at least 4 characters)." };

    public FarmOptions Farm { get; } = new();

    public void AddTo(Command command)
    {
        command.Arguments.Add(Id);
        command.Options.Add(Farm.Home);
        command.Options.Add(Farm.Database);
    }

    /// <summary>The job, or null once the reason it was not found went to stderr.</summary>
    public StoredJob? Find(ParseResult parse, IJobLedger ledger, string verb)
    {
        if (ledger.FindJob(parse.GetRequiredValue(Id), out var error) is { } job)
        {
            return job;
        }

        parse.InvocationConfiguration.Error.WriteLine($"{verb}: {error}");
        return null;
    }
}
