using Daft.Shared.Specs;

namespace Daft.Coordinator.Sweeps;

/// <summary>The keys of a sweep file (configs/sweeps/README.md), and which job-file keys each place of it accepts.</summary>
internal static class SweepKeys
{
    public const string Name = "name";
    public const string Description = "description";
    public const string Priority = "priority";
    public const string MaxAttempts = "max_attempts";
    public const string Device = "device";
    public const string MinDeviceMemoryGb = "min_device_memory_gb";
    public const string Defaults = "defaults";
    public const string Pretrain = "pretrain";
    public const string Grid = "grid";
    public const string Methods = "methods";
    public const string Overrides = "overrides";

    /// <summary>An override's condition and its changes.</summary>
    public const string When = "when";
    public const string Set = "set";

    /// <summary>The name of one value of a labelled axis (and its tag).</summary>
    public const string Label = "label";

    /// <summary>A value list's named form, <c>{grid: ft_8}</c> (configs/methods/grids.yaml).</summary>
    public const string NamedGrid = "grid";

    /// <summary>A value list's generated form, <c>{logspace: [start, end, num]}</c>: 10^linspace(start, end, num).</summary>
    public const string Logspace = "logspace";

    /// <summary>The tag (and <c>when</c> key) that holds a job's method name.</summary>
    public const string MethodTag = "method";

    /// <summary>The tag that marks the pretrain job (<c>role: pretrain</c>).</summary>
    public const string RoleTag = "role";

    /// <summary>The value of <see cref="RoleTag"/> on the pretrain job.</summary>
    public const string PretrainRole = "pretrain";

    /// <summary>The most jobs one sweep may expand to: a guard against a grid that would take minutes and gigabytes.</summary>
    public const int MaxJobs = 1_000_000;

    public static IReadOnlyList<string> TopLevel { get; } =
        [Name, Description, Priority, MaxAttempts, Device, MinDeviceMemoryGb, Defaults, Pretrain, Grid, Methods, Overrides];

    /// <summary>Device kinds a sweep may require.</summary>
    public static IReadOnlyList<string> DeviceKinds { get; } = ["cpu", "cuda"];

    /// <summary>
    /// The job-file keys that <c>defaults:</c>, <c>grid:</c>, labelled values and overrides set: all top-level keys
    /// but <c>method</c> (a sweep has <c>methods:</c>) and <c>device</c> (a sweep's own <c>device:</c> says where its
    /// jobs run; the farm picks the device).
    /// </summary>
    public static IReadOnlyList<string> JobFileKeys { get; } =
        [.. JobKeys.TopLevel.Where(key => key is not JobKeys.Method and not JobKeys.Device)];

    /// <summary>The method keys a sweep sets (all but <c>name</c>, which the methods entry gives).</summary>
    public static IReadOnlyList<string> MethodKeysOf(string method) =>
        [.. MethodKeys.For(method).Where(key => key != MethodKeys.Name)];

    /// <summary>Every method key but <c>name</c>, in schema order.</summary>
    public static IReadOnlyList<string> AllMethodKeys { get; } =
        [.. MethodKeys.All.Where(key => key != MethodKeys.Name)];

    /// <summary>Why a job-file key is not allowed where it was written, or null when it is an ordinary unknown key.</summary>
    public static string? ExplainJobKey(string key)
    {
        if (key == JobKeys.Method)
        {
            return "`method` is not a sweep key here: list the methods under `methods:`";
        }

        if (key == JobKeys.Device)
        {
            return "`device` says where jobs run: set the sweep's top-level `device:` (cpu or cuda)";
        }

        return AllMethodKeys.Contains(key)
            ? $"`{key}` is a method key: give it under `methods:` (e.g. `ft: {{{key}: ...}}`) or in an override's `set:`"
            : null;
    }

    /// <summary>Whether <paramref name="method"/> names one of the four methods.</summary>
    public static bool IsMethod(string method) => MethodSpec.Names.Contains(method);
}
