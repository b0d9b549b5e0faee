using System.Collections.Concurrent;
using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// Expands a <see cref="SweepDefinition"/> into its jobs, purely and deterministically: every grid cell (one value per
/// axis, first axis outermost) × every method (file order) × that point's value lists (method keys in schema order,
/// then job keys that overrides made lists). Method specs are built once per method entry and set of matching
/// overrides, job values once per YAML node, so a point costs a record and an id. An LP-FT point without a head of its
/// own gets <c>lp_head: job:&lt;id&gt;</c> of the LP job of its cell, which is placed before it (and added when the
/// sweep lists no lp); with a pretrain job every point gets <c>weights: job:&lt;pretrain id&gt;</c>.
/// </summary>
internal sealed class SweepExpander
{
    private readonly SweepDefinition _sweep;
    private readonly JobSpecParser _jobs;
    private readonly ErrorList _errors;
    private readonly bool _reportMissingKeys;
    private readonly string? _pretrainReference;
    private readonly Dictionary<string, IReadOnlyList<MethodSpec>> _methodSpecs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (JobValues Fixed, IReadOnlyList<IReadOnlyList<JobValues>> Lists)> _jobChanges = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly List<JobDraft> _drafts = [];

    public SweepExpander(SweepDefinition sweep, JobSpecParser jobs, ErrorList errors)
    {
        _sweep = sweep;
        _jobs = jobs;
        _errors = errors;
        // A key that was given but wrong is already reported; "missing" would only repeat it.
        _reportMissingKeys = errors.IsEmpty;
        _pretrainReference = sweep.Pretrain is { } pretrain ? JobReference.Of(pretrain.Id) : null;
    }

    /// <summary>The jobs, dependencies first; null when the sweep is too large (reported). Other errors are in the list.</summary>
    public ImmutableArray<PlannedJob>? Expand()
    {
        var cells = Cartesian.Count(_sweep.Axes.Select(axis => axis.Values.Count), SweepKeys.MaxJobs);
        if (cells is null || cells * _sweep.Methods.Count > SweepKeys.MaxJobs)
        {
            _errors.Add(_sweep.Start, $"the grid expands to more than {SweepKeys.MaxJobs:N0} jobs; split it into several sweeps");
            return null;
        }

        if (_sweep.Pretrain is { } pretrain)
        {
            var tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                new(SweepKeys.MethodTag, pretrain.Spec.Method.Name), new KeyValuePair<string, string>(SweepKeys.RoleTag, SweepKeys.PretrainRole)]);
            _drafts.Add(new JobDraft(pretrain.Spec, tags, pretrain.Id));
        }

        for (long index = 0; index < cells; index++)
        {
            var cell = CellAt(index);
            foreach (var method in _sweep.Methods)
            {
                ExpandPoints(cell, method);
            }

            if (_drafts.Count > SweepKeys.MaxJobs)
            {
                _errors.Add(_sweep.Start, $"the grid expands to more than {SweepKeys.MaxJobs:N0} jobs; split it into several sweeps");
                return null;
            }
        }

        return Order(Ids());
    }

    private Cell CellAt(long index)
    {
        var axes = _sweep.Axes;
        var chosen = new AxisValue[axes.Count];
        for (var i = axes.Count - 1; i >= 0; i--)
        {
            chosen[i] = axes[i].Values[(int)(index % axes[i].Values.Count)];
            index /= axes[i].Values.Count;
        }

        var values = _sweep.Defaults;
        foreach (var value in chosen)
        {
            values = values.Over(value.Values);
        }

        return new Cell(values, [.. chosen.Select(value => value.Label)]);
    }

    private void ExpandPoints(Cell cell, MethodEntry method)
    {
        var tags = TagsOf(cell, method.Name);
        foreach (var (values, methodSpec) in Points(cell, method))
        {
            var spec = methodSpec;
            if (spec is LpFtSpec { LpHead: null } lpFt)
            {
                if (LinearProbeOf(cell) is not { } lpId)
                {
                    continue;
                }

                spec = lpFt with { LpHead = JobReference.Of(lpId) };
            }

            if (Build(values, spec) is { } job)
            {
                _drafts.Add(new JobDraft(job, tags, null));
            }
        }
    }

    private IEnumerable<(JobValues Values, MethodSpec Method)> Points(Cell cell, MethodEntry method)
    {
        var matched = _sweep.Overrides.Where(o => o.When.All(c => c.Labels.Contains(c.AxisIndex < 0 ? method.Name : cell.Labels[c.AxisIndex]))).ToList();
        var signature = $"{method.Index}:{string.Join(',', matched.Select(o => o.Index))}";
        var methods = MethodSpecsOf(signature, method, matched);
        var (fixedValues, lists) = JobChangesOf(signature, matched);
        var baseValues = cell.Values.Over(fixedValues);
        foreach (var combination in Cartesian.Of(lists))
        {
            var values = baseValues;
            foreach (var layer in combination)
            {
                values = values.Over(layer);
            }

            if (_pretrainReference is not null)
            {
                values = values with { Weights = _pretrainReference };
            }

            foreach (var spec in methods)
            {
                yield return (values, spec);
            }
        }
    }

    // The LP job of a cell, made on the first LP-FT point that needs it and placed before that point.
    private string? LinearProbeOf(Cell cell)
    {
        if (cell.LinearProbeDone)
        {
            return cell.LinearProbeId;
        }

        cell.LinearProbeDone = true;
        var entry = _sweep.LinearProbe!;
        var jobs = Points(cell, entry).Select(point => Build(point.Values, point.Method)).OfType<JobSpec>()
            .Select(spec => (Spec: spec, Id: JobIdentity.IdOf(spec))).DistinctBy(job => job.Id).ToList();
        if (jobs.Count > 1)
        {
            var lists = entry.Keys.Where(key => key.Values.Count > 1).Select(key => $"`{key.Key.Value}`").ToList();
            var cause = lists.Count > 0 ? $"several values for {string.Join(", ", lists)}" : "a list in an override's `set`";
            ReportOnce(entry.NameNode.Start, $"lp_ft starts from the head of the LP job of its grid point, but lp gives {jobs.Count} LP jobs "
                + $"per point ({cause}): which LP head? Give lp one value per key, or give lp_ft its own `lp_head`");
        }

        if (jobs.Count != 1)
        {
            return null;
        }

        _drafts.Add(new JobDraft(jobs[0].Spec, TagsOf(cell, entry.Name), jobs[0].Id));
        return cell.LinearProbeId = jobs[0].Id;
    }

    private IReadOnlyList<MethodSpec> MethodSpecsOf(string signature, MethodEntry method, List<SweepOverride> matched)
    {
        if (_methodSpecs.TryGetValue(signature, out var cached))
        {
            return cached;
        }

        var keys = method.Keys.ToList();
        foreach (var change in matched.SelectMany(o => o.MethodKeys))
        {
            keys.RemoveAll(key => key.Key.Value == change.Key.Value);
            keys.Add(change);
        }

        var schema = MethodKeys.All.ToList();
        keys.Sort((a, b) => schema.IndexOf(a.Key.Value).CompareTo(schema.IndexOf(b.Key.Value)));
        var at = method.NameNode.Start;
        var name = new YamlEntry(new YamlText(MethodKeys.Name, IsPlain: true, at), new YamlText(method.Name, IsPlain: true, at));
        var specs = new List<MethodSpec>();
        foreach (var combination in Cartesian.Of([.. keys.Select(key => key.Values)]))
        {
            var entries = new List<YamlEntry>(keys.Count + 1) { name };
            entries.AddRange(keys.Select((key, i) => new YamlEntry(key.Key, combination[i])));
            if (_jobs.ReadMethod(new YamlMap(entries, at)) is { } spec)
            {
                specs.Add(spec);
            }
        }

        return _methodSpecs[signature] = specs;
    }

    private (JobValues Fixed, IReadOnlyList<IReadOnlyList<JobValues>> Lists) JobChangesOf(string signature, List<SweepOverride> matched)
    {
        if (_jobChanges.TryGetValue(signature, out var cached))
        {
            return cached;
        }

        var byKey = new Dictionary<string, IReadOnlyList<JobValues>>(StringComparer.Ordinal);
        foreach (var change in matched.SelectMany(o => o.JobKeys))
        {
            byKey[change.Key] = change.Values;
        }

        var fixedValues = JobValues.None;
        var lists = new List<IReadOnlyList<JobValues>>();
        foreach (var key in JobKeys.TopLevel.Where(byKey.ContainsKey))
        {
            if (byKey[key].Count == 1)
            {
                fixedValues = fixedValues.Over(byKey[key][0]);
            }
            else
            {
                lists.Add(byKey[key]);
            }
        }

        return _jobChanges[signature] = (fixedValues, lists);
    }

    private JobSpec? Build(JobValues values, MethodSpec method)
    {
        var spec = _jobs.Build(values, method);
        if (spec is null)
        {
            if (_reportMissingKeys && values.Dataset is null)
            {
                ReportOnce(_sweep.Start, "every job needs `dataset`: give it in `defaults:` or `grid:` (or in every value of a labelled axis)");
            }

            if (_reportMissingKeys && values.Backbone is null)
            {
                ReportOnce(_sweep.Start, "every job needs `backbone`: give it in `defaults:` or `grid:` (or in every value of a labelled axis)");
            }

            return null;
        }

        if (_sweep.Pretrain is { } pretrain && spec.Backbone != pretrain.Spec.Backbone)
        {
            ReportOnce(pretrain.At, $"the pretrain job trains {pretrain.Spec.Backbone}, but grid points use {spec.Backbone}: "
                + "its weights would not load into them");
            return null;
        }

        return spec;
    }

    private ImmutableSortedDictionary<string, string> TagsOf(Cell cell, string method)
    {
        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _sweep.Axes.Count; i++)
        {
            if (_sweep.Axes[i].IsLabelled)
            {
                tags[_sweep.Axes[i].Name] = cell.Labels[i];
            }
        }

        tags[SweepKeys.MethodTag] = method;
        return tags.ToImmutable();
    }

    // Ids are the expensive part (canonical JSON + SHA-256): computed on every core, each into its own slot.
    private string[] Ids()
    {
        var ids = new string[_drafts.Count];
        if (ids.Length == 0)
        {
            return ids;
        }

        Parallel.ForEach(Partitioner.Create(0, _drafts.Count, 4096), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                ids[i] = _drafts[i].Id ?? JobIdentity.IdOf(_drafts[i].Spec);
            }
        });
        return ids;
    }

    // First occurrence of each id, in emission order, every job after the jobs of this plan it depends on.
    private ImmutableArray<PlannedJob> Order(string[] ids)
    {
        var first = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            first.TryAdd(ids[i], i);
        }

        var jobs = ImmutableArray.CreateBuilder<PlannedJob>(first.Count);
        var placed = new HashSet<string>(first.Count, StringComparer.Ordinal);
        void Place(int i)
        {
            if (!placed.Add(ids[i]))
            {
                return;
            }

            var dependsOn = DependenciesOf(_drafts[i].Spec);
            foreach (var dependency in dependsOn)
            {
                if (first.TryGetValue(dependency, out var j))
                {
                    Place(j);
                }
            }

            jobs.Add(new PlannedJob(ids[i], _drafts[i].Spec, dependsOn, _drafts[i].Tags, _sweep.Requirement));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (first[ids[i]] == i)
            {
                Place(i);
            }
        }

        return jobs.MoveToImmutable();
    }

    /// <summary>The jobs a spec's <c>job:</c> references name: its LP head's job, then its weights' job.</summary>
    public static ImmutableArray<string> DependenciesOf(JobSpec spec)
    {
        var head = spec.Method is LpFtSpec { LpHead: { } lpHead } && JobReference.TryParse(lpHead, out var headId) ? headId : null;
        var weights = spec.Weights is { } path && JobReference.TryParse(path, out var weightsId) ? weightsId : null;
        return (head, weights) switch
        {
            (null, null) => [],
            (not null, null) => [head],
            (null, not null) => [weights],
            _ => head == weights ? [head] : [head, weights],
        };
    }

    private void ReportOnce(Position at, string message)
    {
        if (_reported.Add(message))
        {
            _errors.Add(at, message);
        }
    }

    /// <summary>One grid cell: its values over the defaults, its axis labels, and its LP job once made.</summary>
    private sealed class Cell(JobValues values, string[] labels)
    {
        public JobValues Values { get; } = values;

        public string[] Labels { get; } = labels;

        public bool LinearProbeDone { get; set; }

        public string? LinearProbeId { get; set; }
    }

    /// <summary>A job before dedup: its spec, its tags and, when already computed, its id.</summary>
    private sealed record JobDraft(JobSpec Spec, ImmutableSortedDictionary<string, string> Tags, string? Id);
}
