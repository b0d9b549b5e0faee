using System.Globalization;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>The contract's schema behaviour: durability across reopening, migrations recorded once, newer schemas refused.</summary>
public abstract partial class LedgerContract
{
    [RequirementFact]
    public void Reopening_the_database_keeps_the_data_and_applies_no_migration_again()
    {
        var plan = Plan("durable", ManyJobs(2));
        var first = (SqlLedger)Ledger;
        first.Submit(plan, At(0));
        first.Write([new JobLeasedWrite(plan.Jobs[0].Id, 1, "node-a", "cuda:0", At(30), At(1)), new JobSucceededWrite(plan.Jobs[0].Id, 1, "{}", At(2))]);
        var appliedAt = QuerySql("SELECT applied_at FROM schema_migrations ORDER BY version");
        first.Dispose();

        var again = (SqlLedger)Reopen();

        Assert.Equal(Enumerable.Range(1, appliedAt.Count), first.AppliedMigrations);
        Assert.Empty(again.AppliedMigrations);
        Assert.Equal(appliedAt, QuerySql("SELECT applied_at FROM schema_migrations ORDER BY version"));
        Assert.Equal(JobState.Succeeded, again.Job(plan.Jobs[0].Id)!.State);
        Assert.Equal(JobState.Pending, again.Job(plan.Jobs[1].Id)!.State);
        Assert.NotNull(again.Result(plan.Jobs[0].Id));
        Assert.Equal(["submitted", "leased", "succeeded"], again.Events(plan.Jobs[0].Id).Select(e => e.Kind));
        Assert.Equal(2, again.Sweep(plan.SweepId)!.Total);
    }

    [RequirementFact]
    public void Every_migration_is_recorded_with_its_name()
    {
        _ = Ledger.Description;

        var names = QuerySql("SELECT name FROM schema_migrations ORDER BY version");

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.False(string.IsNullOrWhiteSpace(name)));
    }

    [RequirementFact]
    public void A_database_with_a_newer_schema_is_refused()
    {
        var description = Ledger.Description;
        var versions = QuerySql("SELECT version FROM schema_migrations ORDER BY version");
        var newer = int.Parse(versions[^1], CultureInfo.InvariantCulture) + 1;
        ExecuteSql($"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({newer}, 'from the future', '2030-01-01T00:00:00Z')");

        var error = Assert.Throws<LedgerSchemaException>(() => OpenLedger().Dispose());

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer Daft", error.Message, StringComparison.Ordinal);
        Assert.Contains(description, error.Message, StringComparison.Ordinal);
    }

    [RequirementFact]
    public void The_description_names_the_database_without_a_password()
    {
        Assert.DoesNotContain("password", Ledger.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^(sqlite:/|postgres://)", Ledger.Description);
    }
}
