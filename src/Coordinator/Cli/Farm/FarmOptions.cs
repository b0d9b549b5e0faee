using System.CommandLine;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Ledger;
using Daft.Shared.Data;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// Options shared by the verbs that run the farm (<c>run</c>, <c>serve</c>, <c>sweep submit</c>): where its state lives
/// and its clocks. Each has an environment variable so a container can be configured without arguments.
/// </summary>
internal sealed class FarmOptions
{
    public Option<string?> Home { get; } = new("--home")
    {
        Description = $"Farm home: the ledger (daft.db) and every job's folder. Default ${FarmHome.Variable}, else ~/.local/share/daft.",
    };

    public Option<string?> Database { get; } = new("--db")
    {
        Description = $"Ledger database: sqlite:PATH, PATH.db, postgres://user:pass@host:port/db or an Npgsql connection string (a PostgreSQL password may come from the file ${LedgerAddress.PasswordFileVariable} names instead). Default ${FarmHome.DatabaseVariable}, else <home>/daft.db.",
    };

    public Option<double> LeaseSeconds { get; } = new("--lease")
    {
        Description = "Seconds without a heartbeat after which a job goes back to the queue.",
        DefaultValueFactory = _ => DispatchSettings.Default.Lease.TotalSeconds,
    };

    public Option<double> StuckMinutes { get; } = new("--stuck-after")
    {
        Description = "Minutes without progress after which a running job is stopped and retried.",
        DefaultValueFactory = _ => DispatchSettings.Default.StuckAfter.TotalMinutes,
    };

    public IEnumerable<Option> All => [Home, Database, LeaseSeconds, StuckMinutes];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    public DispatchSettings Dispatch(ParseResult parse) => DispatchSettings.Default with
    {
        Lease = TimeSpan.FromSeconds(parse.GetValue(LeaseSeconds)),
        StuckAfter = TimeSpan.FromMinutes(parse.GetValue(StuckMinutes)),
    };

    public string HomeOf(ParseResult parse) => FarmHome.Resolve(parse.GetValue(Home));
}
