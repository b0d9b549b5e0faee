using System.Globalization;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// <see cref="IJobLedger.Write"/> inside its transaction, in three steps whatever the batch size. First every write's
/// UPDATE, in order; each WHERE clause holds the whole rule for when it applies (<see cref="LedgerWriteSql"/>), and
/// <c>RETURNING</c> hands back the row as the write left it. A write that matched no row is ignored, unless its job or
/// sweep does not exist at all, which the second step checks and which rolls the whole batch back. Third, the events of
/// the applied job writes (attempt, node and device as their UPDATE returned them) and their results.
/// </summary>
internal static class LedgerWriteBatch
{
    public static void Apply(LedgerPipeline pipeline, LedgerQueries queries, IReadOnlyList<LedgerWrite> writes)
    {
        var rows = pipeline.FirstRows([.. writes.Select(LedgerWriteSql.Update)]);
        var ignored = new List<(LedgerWrite Write, string JobId)>();
        for (var i = 0; i < writes.Count; i++)
        {
            if (rows[i] is not null)
            {
                continue;
            }

            switch (writes[i])
            {
                case SweepCancelledWrite or SweepPriorityWrite:
                    throw NotInLedger(writes[i], "sweep", SweepId(writes[i]));
                default:
                    ignored.Add((writes[i], LedgerWriteSql.JobId(writes[i])));
                    break;
            }
        }

        CheckJobsExist(queries, ignored);

        var inserts = new List<LedgerStatement>();
        for (var i = 0; i < writes.Count; i++)
        {
            if (rows[i] is { } row && writes[i] is not (SweepCancelledWrite or SweepPriorityWrite))
            {
                AddEventAndResult(inserts, writes[i], row);
            }
        }

        pipeline.Execute(inserts);
    }

    private static void AddEventAndResult(List<LedgerStatement> inserts, LedgerWrite write, object?[] row)
    {
        var attempt = Convert.ToInt32(row[0], CultureInfo.InvariantCulture);
        var (detail, addEvent) = write switch
        {
            JobProgressWrite progress => (progress.ProgressJson, progress.Milestone),
            JobFailedWrite failure => (failure.Reason, true),
            JobRequeuedWrite requeue => (requeue.Reason, true),
            JobCancelledWrite cancel => (cancel.Reason, true),
            JobRetriedWrite retry => (retry.Reason, true),
            _ => ((string?)null, true),
        };
        var jobId = LedgerWriteSql.JobId(write);
        if (addEvent)
        {
            inserts.Add(new LedgerStatement(LedgerWriteSql.InsertEvent).Text("@id", jobId).Time("@at", write.At)
                .Text("@kind", write.Kind).Int("@attempt", attempt).Text("@node", row[1] as string)
                .Text("@device", row[2] as string).Text("@detail", detail));
        }

        var result = write switch
        {
            JobSucceededWrite success => ("succeeded", success.ResultJson),
            JobFailedWrite { Final: true, ResultJson: { } partial } => ("failed", partial),
            _ => ((string, string)?)null,
        };
        if (result is var (status, json))
        {
            inserts.Add(new LedgerStatement(LedgerWriteSql.UpsertResult).Text("@id", jobId).Int("@attempt", attempt)
                .Text("@status", status).Text("@json", json).Time("@at", write.At));
        }
    }

    /// <summary>An ignored job write is fine; one naming a job the ledger does not have is an error.</summary>
    private static void CheckJobsExist(LedgerQueries queries, List<(LedgerWrite Write, string JobId)> ignored)
    {
        if (ignored.Count == 0)
        {
            return;
        }

        var known = queries.States([.. ignored.Select(entry => entry.JobId)]);
        foreach (var (write, jobId) in ignored)
        {
            if (!known.ContainsKey(jobId))
            {
                throw NotInLedger(write, "job", jobId);
            }
        }
    }

    private static string SweepId(LedgerWrite write) => write switch
    {
        SweepCancelledWrite cancel => cancel.SweepId,
        SweepPriorityWrite priority => priority.SweepId,
        _ => throw new ArgumentException($"{write.GetType().Name} is not a sweep write.", nameof(write)),
    };

    private static InvalidOperationException NotInLedger(LedgerWrite write, string what, string id) =>
        new($"Ledger write '{write.Kind}' names {what} {id}, which is not in the ledger; nothing of its batch was written.");
}
