namespace Daft.Shared.Specs;

/// <summary>
/// A job file's <c>weights:</c> or <c>method.lp_head:</c> may name another job instead of a file: <c>job:&lt;id&gt;</c>
/// means "the model.safetensors (weights) or head.safetensors (lp_head) that job wrote". A sweep writes these for the
/// jobs it chains (every grid point starts from its pretrain job; an LP-FT job starts from its LP job's head), so a
/// dependant's id is content-addressed through its dependency's id, not through a path that differs per machine. The
/// farm resolves a reference at run time to <c>&lt;farm home&gt;/jobs/&lt;id&gt;/&lt;file&gt;</c>; the spec keeps it unchanged.
/// </summary>
public static class JobReference
{
    /// <summary>What starts a reference.</summary>
    public const string Prefix = "job:";

    /// <summary>The file a <c>weights: job:&lt;id&gt;</c> reference stands for, in the referenced job's folder.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>The file a <c>lp_head: job:&lt;id&gt;</c> reference stands for (the LP job's folded head).</summary>
    public const string HeadFile = "head.safetensors";

    /// <summary>What a well-formed reference looks like, for error messages.</summary>
    public const string Form = "job:<id>, the id being 16 lowercase hex characters as `daft job id` prints them";

    /// <summary>Whether <paramref name="value"/> is meant as a reference (starts with <c>job:</c>), well-formed or not.</summary>
    public static bool IsReference(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The referenced job id when <paramref name="value"/> is <c>job:</c> followed by a job id; else false.</summary>
    public static bool TryParse(string value, out string jobId)
    {
        jobId = "";
        if (!IsReference(value) || !IsJobId(value.AsSpan(Prefix.Length)))
        {
            return false;
        }

        jobId = value[Prefix.Length..];
        return true;
    }

    /// <summary>The reference to <paramref name="jobId"/>: <c>job:&lt;id&gt;</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a job id.</exception>
    public static string Of(string jobId) =>
        IsJobId(jobId) ? Prefix + jobId : throw new ArgumentException($"'{jobId}' is not a job id ({Form}).", nameof(jobId));

    /// <summary>Whether <paramref name="text"/> has the form of <see cref="JobIdentity.IdOf"/>'s output.</summary>
    public static bool IsJobId(ReadOnlySpan<char> text)
    {
        if (text.Length != JobIdentity.IdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
