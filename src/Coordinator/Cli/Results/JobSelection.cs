using Daft.Coordinator.Results;

namespace Daft.Coordinator.Cli.Results;

/// <summary>The jobs of a sweep a results verb was asked about: by id or unique id prefix, or all of them.</summary>
internal static class JobSelection
{
    /// <summary>The runs <paramref name="ids"/> name, in sweep order (all of them with <paramref name="all"/>); false with an error for an id that names no job or several.</summary>
    public static bool TrySelect(IReadOnlyList<SweepRun> runs, IReadOnlyList<string> ids, bool all, out IReadOnlyList<SweepRun> selected, out string error)
    {
        error = "";
        selected = all ? runs : [];
        if (all)
        {
            return true;
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var matches = runs.Where(run => run.Job.Id.StartsWith(id, StringComparison.Ordinal)).ToList();
            if (matches.Count != 1)
            {
                error = matches.Count == 0
                    ? $"no job '{id}' in this sweep"
                    : $"'{id}' is the start of {matches.Count} job ids in this sweep: {string.Join(", ", matches.Select(run => run.Job.Id))}";
                return false;
            }

            chosen.Add(matches[0].Job.Id);
        }

        selected = [.. runs.Where(run => chosen.Contains(run.Job.Id))];
        return true;
    }
}
