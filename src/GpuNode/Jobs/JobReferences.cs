using Daft.Shared.Data;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Jobs;

/// <summary>
/// Opens what a spec's <c>weights</c> and <c>method.lp_head</c> name: a file path as it is, or a
/// <see cref="JobReference"/> (<c>job:&lt;id&gt;</c>) as the file that job wrote into its folder under the farm home
/// (<c>&lt;home&gt;/jobs/&lt;id&gt;/model.safetensors</c>, <c>…/head.safetensors</c>). The spec keeps the reference —
/// it is part of the job's identity, and the home differs per machine — so resolution happens only where a file is
/// opened. The home is resolved when a reference is: a job without references never needs one.
/// </summary>
public sealed class JobReferences(string? home)
{
    /// <summary>References resolved against <see cref="FarmHome.Resolve"/> (<c>$DAFT_HOME</c>, else the default).</summary>
    public static JobReferences FromEnvironment { get; } = new(null);

    /// <summary>The farm home references resolve against.</summary>
    public string Home => FarmHome.Resolve(home);

    /// <summary>The initial weights' file for a spec's <c>weights</c> value.</summary>
    /// <exception cref="FileNotFoundException">The value references a job whose model is not there (yet).</exception>
    public string Weights(string value) => Resolve(value, JobReference.ModelFile, "job");

    /// <summary>The folded LP head's file for an LP-FT spec's <c>lp_head</c> value.</summary>
    /// <exception cref="FileNotFoundException">The value references an LP job whose head is not there (yet).</exception>
    public string LpHead(string value) => Resolve(value, JobReference.HeadFile, "LP job");

    /// <summary>"job:&lt;id&gt; (path)" for a resolved reference, the path otherwise: for log lines.</summary>
    public static string Describe(string value, string path) => value == path ? path : $"{value} ({path})";

    string Resolve(string value, string file, string what)
    {
        if (!JobReference.IsReference(value))
            return value;
        // The parser refuses malformed references; a spec built in code (or by an older daft) may still carry one.
        if (!JobReference.TryParse(value, out var id))
            throw new ArgumentException($"'{value}' is not a job reference ({JobReference.Form}).", nameof(value));
        var path = Path.Combine(FarmHome.JobDirectory(Home, id), file);
        // A missing file means the referenced job has not succeeded here: the farm runs a dependant only after it.
        if (!File.Exists(path))
            throw new FileNotFoundException($"the {what} {id} has not produced {path}; it must succeed first", path);
        return path;
    }
}
