using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// What every part of a sweep file's reader shares: the error list (one per file, so every error is reported at
/// once), the job-file parser the values go through (one set of checks and messages for job files and sweeps), the
/// value-list forms and whether the sweep has a pretrain job (which then owns <c>weights</c>).
/// </summary>
internal sealed class SweepReadContext(ErrorList errors, JobSpecParser jobs, MethodCatalog catalog, bool hasPretrain)
{
    public ErrorList Errors { get; } = errors;

    public JobSpecParser Jobs { get; } = jobs;

    public MethodCatalog Catalog { get; } = catalog;

    public bool HasPretrain { get; } = hasPretrain;

    public ValueListReader Values { get; } = new(errors, catalog.Grid, catalog.GridNames);

    /// <summary>One job key's value, read and checked as the job-file parser reads it (errors at the value's line).</summary>
    public JobValues ReadJobValue(YamlText key, YamlValue value) =>
        Jobs.ReadValues(new MappingReader(new YamlMap([new YamlEntry(key, value)], key.Start), Errors));

    /// <summary>
    /// The job keys of a mapping that takes one value per key (<c>defaults:</c>, a labelled value, <c>pretrain:</c>),
    /// read as the job-file parser reads them (<c>head_hidden</c> may be a list: one head's widths); any other list or mapping value is reported (<paramref name="where"/> names
    /// the place), as is <c>weights</c> when the pretrain job owns it (<paramref name="ownsWeights"/>: this is the
    /// pretrain job). Other keys are left to the caller.
    /// </summary>
    public JobValues ReadScalarJobValues(YamlMap map, string where, bool ownsWeights = false)
    {
        var scalars = new List<YamlEntry>();
        foreach (var entry in map.Entries.Where(entry => SweepKeys.JobFileKeys.Contains(entry.Key.Value)))
        {
            if (entry.Value is not YamlText && !(entry.Key.Value == JobKeys.HeadHidden && entry.Value is YamlList))
            {
                Errors.Add(entry.Value.Start, $"`{entry.Key.Value}` takes one value in {where}; a list of values belongs in `grid:` or in an override's `set:`");
            }
            else if (ownsWeights || AllowsHere(entry.Key))
            {
                scalars.Add(entry);
            }
        }

        return Jobs.ReadValues(new MappingReader(new YamlMap(scalars, map.Start), Errors));
    }

    /// <summary>False (reported) for a <c>weights</c> key outside <c>pretrain:</c> when the sweep has a pretrain job.</summary>
    public bool AllowsHere(YamlText key)
    {
        if (!HasPretrain || key.Value != JobKeys.Weights)
        {
            return true;
        }

        Errors.Add(key.Start, "`weights` comes from `pretrain:` here: every grid point starts from the pretrain job's model "
            + "(weights: job:<its id>); remove this `weights`, or remove `pretrain:`");
        return false;
    }
}
