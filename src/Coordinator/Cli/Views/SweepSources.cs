using System.CommandLine;
using System.Data.Common;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Farm;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Cli.Views;

/// <summary>Where the read verbs get their views: the ledger itself (the default: works with the cluster down) or a coordinator's HTTP API.</summary>
internal interface ISweepSource : IDisposable
{
    /// <summary>The ledger's description or the API's URL, for messages.</summary>
    string Description { get; }

    Task<IReadOnlyList<SweepSummary>> ListAsync(CancellationToken cancellation);

    /// <summary>The view of the sweep <paramref name="sweep"/> names (id, unique name, or start of the id).</summary>
    /// <exception cref="CliFailure">No sweep, several, or the source cannot be read.</exception>
    Task<SweepStatusView> StatusAsync(string sweep, CancellationToken cancellation);
}

/// <summary>Opens the source a verb's options name: <c>--api</c> / <c>$DAFT_API</c> when given, else the ledger of <c>--db</c> / <c>--home</c>.</summary>
internal static class SweepSources
{
    private const string SqlitePrefix = "sqlite:";

    public static ISweepSource Open(ParseResult parse, FarmOptions farm, ApiClientOptions api) =>
        api.Client(parse) is { } client ? new ApiSweepSource(client) : OpenLedger(parse.GetValue(farm.Database), parse.GetValue(farm.Home));

    /// <summary>The ledger, read-only in spirit: a SQLite file that does not exist yet is not created (there is nothing in it).</summary>
    private static LedgerSweepSource OpenLedger(string? database, string? home)
    {
        string description;
        try
        {
            description = LedgerFactory.Describe(database, home);
        }
        catch (ArgumentException error)
        {
            throw new CliFailure(ExitCodes.InvalidInput, error.ParamName is null ? error.Message : error.Message.Replace($" (Parameter '{error.ParamName}')", ""));
        }

        if (description.StartsWith(SqlitePrefix, StringComparison.Ordinal) && !File.Exists(description[SqlitePrefix.Length..]))
        {
            return new LedgerSweepSource(null, description);
        }

        try
        {
            var ledger = LedgerFactory.Open(database, home);
            return new LedgerSweepSource(ledger, ledger.Description);
        }
        catch (Exception error) when (error is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(1, $"cannot read the ledger {description}: {error.Message}");
        }
    }
}

/// <summary>Views read straight from the ledger (<see cref="SweepStatusReader"/>); a ledger that does not exist has no sweeps.</summary>
internal sealed class LedgerSweepSource(IJobLedger? ledger, string description) : ISweepSource
{
    public string Description => description;

    public Task<IReadOnlyList<SweepSummary>> ListAsync(CancellationToken cancellation) =>
        Task.FromResult(ledger is null ? [] : Read(() => SweepStatusReader.List(ledger)));

    public Task<SweepStatusView> StatusAsync(string sweep, CancellationToken cancellation)
    {
        if (ledger is null)
        {
            throw new CliFailure(ExitCodes.InvalidInput, $"no sweep '{sweep}': the ledger {description} does not exist yet (--db / --home?)");
        }

        return Task.FromResult(Read(() =>
        {
            var (lookup, view) = SweepStatusReader.Status(ledger, sweep, DateTimeOffset.UtcNow);
            return view ?? throw new CliFailure(ExitCodes.InvalidInput, $"{lookup.Error} in {description}");
        }));
    }

    public void Dispose() => ledger?.Dispose();

    private T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DbException error)
        {
            throw new CliFailure(1, $"cannot read the ledger {description}: {error.Message}");
        }
    }
}

/// <summary>Views from a coordinator's HTTP API: the same records, written by the same code on the other side.</summary>
internal sealed class ApiSweepSource(ApiClient client) : ISweepSource
{
    public string Description => client.BaseAddress.ToString();

    public Task<IReadOnlyList<SweepSummary>> ListAsync(CancellationToken cancellation) => Call(() => client.GetAsync<IReadOnlyList<SweepSummary>>("api/sweeps", cancellation));

    public Task<SweepStatusView> StatusAsync(string sweep, CancellationToken cancellation) =>
        Call(() => client.GetAsync<SweepStatusView>($"api/sweeps/{ApiClient.Segment(sweep)}", cancellation));

    public void Dispose() => client.Dispose();

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiCallException error)
        {
            throw CliFailure.From(error);
        }
    }
}
