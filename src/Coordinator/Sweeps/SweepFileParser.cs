using System.Text.RegularExpressions;
using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// Reads a sweep file's YAML tree into a <see cref="SweepDefinition"/>, recording every error it finds (compiler style,
/// all at once, as job files do). The grid, the methods and the overrides each have their own reader.
/// </summary>
internal sealed partial class SweepFileParser(ErrorList errors, JobSpecParser jobs, MethodCatalog catalog)
{
    /// <summary>The definition, or null when the file has no usable shape (not a mapping, no methods); errors are in the list.</summary>
    public SweepDefinition? Parse(YamlValue? root)
    {
        if (root is null)
        {
            if (errors.IsEmpty)
            {
                errors.AddForFile("the sweep file is empty; it needs at least `name` and `methods`");
            }

            return null;
        }

        if (root is not YamlMap map)
        {
            errors.Add(root.Start, $"a sweep file must be a mapping of keys (name, grid, methods, ...), got {root.Describe()}");
            return null;
        }

        var sweep = new MappingReader(map, errors);
        sweep.RejectOtherKeys(SweepKeys.TopLevel, "allowed sweep keys", ExplainTopLevelKey);
        sweep.Require(SweepKeys.Name, "the sweep's name: lowercase letters, digits, `-` and `_`");
        var name = ReadName(sweep);
        var description = sweep.String(SweepKeys.Description);
        var priority = sweep.Int(SweepKeys.Priority, minimum: int.MinValue) ?? 0;
        var maxAttempts = sweep.Int(SweepKeys.MaxAttempts, minimum: 1) ?? 3;
        var requirement = ReadRequirement(sweep);

        var context = new SweepReadContext(errors, jobs, catalog, hasPretrain: sweep.IsSet(SweepKeys.Pretrain));
        var defaults = new JobValues { Device = requirement.Kind ?? JobDefaults.Device }.Over(ReadDefaults(context, sweep));
        var pretrain = ReadPretrain(context, sweep, defaults);
        var axes = new SweepGridReader(context).Read(sweep.Find(SweepKeys.Grid));
        sweep.Require(SweepKeys.Methods, "the methods to run: a list (`[lp, ft, lp_ft, daft]`) or a mapping of method → its keys");
        var methodsReader = new SweepMethodsReader(context);
        var methods = sweep.Find(SweepKeys.Methods) is { } methodsNode ? methodsReader.Read(methodsNode) : null;
        if (methods is null)
        {
            return null;
        }

        // LP-FT jobs start from the head of the LP job of their grid point: the sweep's lp entry, else lp's defaults.
        var linearProbe = methods.FirstOrDefault(method => method.Name == LinearProbeSpec.MethodName)
            ?? (methods.Any(method => method.Name == LpFtSpec.MethodName)
                ? methodsReader.Entry(-1, LinearProbeSpec.MethodName, methods.First(method => method.Name == LpFtSpec.MethodName).NameNode, [])
                : null);
        var methodNames = methods.Select(method => method.Name).Concat(linearProbe is null ? [] : [linearProbe.Name]).ToHashSet();
        var overrides = new SweepOverridesReader(context, axes, methodNames).Read(sweep.Find(SweepKeys.Overrides));

        return new SweepDefinition(name ?? "", description, priority, maxAttempts, requirement, defaults, pretrain, axes,
            methods, linearProbe, overrides, map.Start);
    }

    private string? ReadName(MappingReader sweep)
    {
        var name = sweep.String(SweepKeys.Name);
        if (name is null || NamePattern().IsMatch(name))
        {
            return name;
        }

        errors.Add(sweep.Find(SweepKeys.Name)!.Start, $"`name` may hold lowercase letters, digits, `-` and `_` (starting with a letter or digit), got `{name}`");
        return null;
    }

    private DeviceRequirement ReadRequirement(MappingReader sweep)
    {
        var kind = sweep.Choice(SweepKeys.Device, SweepKeys.DeviceKinds, "device kind");
        var memoryGb = sweep.Double(SweepKeys.MinDeviceMemoryGb, NumberRange.Positive);
        return kind is null && memoryGb is null
            ? DeviceRequirement.Any
            : new DeviceRequirement(kind, memoryGb is { } gb ? (long)Math.Ceiling(gb * 1024) : 0);
    }

    private JobValues ReadDefaults(SweepReadContext context, MappingReader sweep)
    {
        if (sweep.Find(SweepKeys.Defaults) is not { } node)
        {
            return JobValues.None;
        }

        if (node is not YamlMap map)
        {
            errors.Add(node.Start, $"`defaults` must be a mapping of job keys to one value each, got {node.Describe()}");
            return JobValues.None;
        }

        new MappingReader(map, errors).RejectOtherKeys(SweepKeys.JobFileKeys, "keys of `defaults`", SweepKeys.ExplainJobKey);
        return context.ReadScalarJobValues(map, "`defaults:`");
    }

    private PretrainJob? ReadPretrain(SweepReadContext context, MappingReader sweep, JobValues defaults)
    {
        if (sweep.Find(SweepKeys.Pretrain) is not { } node)
        {
            return null;
        }

        if (node is not YamlMap map)
        {
            errors.Add(node.Start, $"`pretrain` is one job: a mapping of job keys with its `method`, got {node.Describe()}");
            return null;
        }

        var pretrain = new MappingReader(map, errors);
        pretrain.RejectOtherKeys([.. SweepKeys.JobFileKeys, JobKeys.Method], "keys of `pretrain`", key =>
            SweepKeys.AllMethodKeys.Contains(key) ? $"`{key}` is a method key: put it under the pretrain's `method:`"
                : key == JobKeys.Device ? SweepKeys.ExplainJobKey(key) : null);
        pretrain.Require(JobKeys.Method, "a mapping with `name` (lp, ft, lp_ft or daft) and that method's keys");
        var values = defaults.Over(context.ReadScalarJobValues(map, "`pretrain:`", ownsWeights: true));
        MethodSpec? method = null;
        if (pretrain.Find(JobKeys.Method) is { } methodNode)
        {
            method = methodNode is YamlMap methodMap
                ? jobs.ReadMethod(methodMap)
                : Report<MethodSpec>(methodNode, $"the pretrain's `method` must be a mapping with `name` and its keys, got {methodNode.Describe()}");
        }

        foreach (var key in new[] { JobKeys.Dataset, JobKeys.Backbone })
        {
            var given = key == JobKeys.Dataset ? values.Dataset : values.Backbone;
            if (given is null && !pretrain.IsSet(key))
            {
                errors.Add(map.Start, $"the pretrain job needs `{key}`: give it in `pretrain:` or `defaults:`");
            }
        }

        var spec = jobs.Build(values, method);
        return spec is null ? null : new PretrainJob(spec, JobIdentity.IdOf(spec), map.Start);
    }

    private T? Report<T>(YamlValue at, string message)
        where T : class
    {
        errors.Add(at.Start, message);
        return null;
    }

    private static string? ExplainTopLevelKey(string key)
    {
        if (SweepKeys.JobFileKeys.Contains(key))
        {
            return $"`{key}` is a job key: give it under `defaults:` (one value for every job) or `grid:` (a list of values)";
        }

        return key == JobKeys.Method ? "list the methods under `methods:`" : SweepKeys.ExplainJobKey(key);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
