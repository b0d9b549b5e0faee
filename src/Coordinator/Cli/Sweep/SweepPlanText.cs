using System.Globalization;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>The plan for people: the sweep, the ledger, what would run and why, per method, and with --jobs every job.</summary>
internal static class SweepPlanText
{
    public static void Write(TextWriter output, SweepPlanReport report, bool withJobs)
    {
        var plan = report.Plan;
        var requirement = plan.Jobs.Length > 0 ? plan.Jobs[0].Requirement.ToString() : "any";
        output.WriteLine($"sweep   {plan.Name} (id {plan.SweepId}), priority {plan.Priority}, max_attempts {plan.MaxAttempts}, device {requirement}");
        output.WriteLine($"file    {plan.SourceFile}");
        output.WriteLine($"ledger  {report.Ledger.Description}" + (report.Ledger.Exists ? "" : " (does not exist yet: every job is new)"));
        output.WriteLine();

        var total = report.Total;
        output.WriteLine($"{total.Jobs} jobs: {total.Run} to run ({total.New} new, {total.FailedBefore} failed before, "
            + $"{total.CancelledBefore} cancelled before); {total.Reuse} already succeeded (in this or another sweep: results reused); "
            + $"{total.Join} already queued or running");
        output.WriteLine();

        var rows = report.ByMethod.Select(entry => Counts(entry.Method, entry.Counts)).Append(Counts("all", total)).ToList();
        TextTable.Write(output, ["method", "jobs", "run", "new", "failed", "cancelled", "reuse", "join"], rows, new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 });

        if (report.ExternalDependencies.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{report.ExternalDependencies.Count} dependencies lie outside this sweep (their dependants wait until they succeed):");
            foreach (var (id, state) in report.ExternalDependencies)
            {
                output.WriteLine($"  {id}  {state?.Text() ?? "not in the ledger: nothing will run it"}");
            }
        }

        output.WriteLine();
        if (!withJobs)
        {
            output.WriteLine("--jobs lists every job with its state and the reason for its action; --json writes all of it for scripts.");
            return;
        }

        var jobRows = report.Rows.Select(row => (IReadOnlyList<string>)
        [
            row.Job.Id,
            PlanColumns.Method(row.Job),
            PlanColumns.Dataset(row.Job.Spec),
            PlanColumns.Model(row.Job),
            PlanColumns.Number(PlanColumns.Lr(row.Job.Spec)),
            PlanColumns.Number(PlanColumns.HeadLr(row.Job.Spec)),
            row.Job.Spec.RunNum.ToString(CultureInfo.InvariantCulture),
            row.Job.DependsOn.Length == 0 ? "-" : string.Join(",", row.Job.DependsOn),
            row.Status,
            row.Action.ToString().ToLowerInvariant(),
            row.Reason,
        ]).ToList();
        TextTable.Write(output, ["job", "method", "dataset", "model", "lr", "head_lr", "run", "depends on", "status", "action", "why"],
            jobRows, new HashSet<int> { 4, 5, 6 });
    }

    private static IReadOnlyList<string> Counts(string method, PlanCounts counts) =>
        [method, .. new[] { counts.Jobs, counts.Run, counts.New, counts.FailedBefore, counts.CancelledBefore, counts.Reuse, counts.Join }
            .Select(count => count.ToString(CultureInfo.InvariantCulture))];
}
