using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Daft.Shared.Specs;

/// <summary>
/// A job's identity: the first 16 hex characters of the SHA-256 of <see cref="CanonicalJson"/>. Two files that
/// describe the same computation (keys in another order, defaults spelled out, 1e-4 written as 0.0001, an explicit
/// seed equal to the derived one) get the same id; any change of a hyperparameter, run_num or seed gives another.
/// A finished job is never re-run, so changing the canonical form below re-runs everything: don't, lightly.
/// </summary>
public static class JobIdentity
{
    /// <summary>Hex characters in an id: 64 bits, so a collision is unlikely below billions of jobs.</summary>
    public const int IdLength = 16;

    /// <summary>Keys that say how or where to run, not what to compute; they are not part of the id.</summary>
    public static IReadOnlyList<string> HowToRunKeys { get; } =
        [JobKeys.DataRoot, JobKeys.Threads, JobKeys.Device, JobKeys.LogEveryNSteps];

    /// <summary>Keys only SGD uses: left out of lp's id, since lp ignores them.</summary>
    private static readonly string[] SgdOnlyKeys =
    [
        JobKeys.Epochs, JobKeys.LrSchedule, JobKeys.LrStepSize, JobKeys.LrGamma, JobKeys.LrPlateauMetric, JobKeys.LrFactor,
        JobKeys.LrPatience, JobKeys.WarmupEpochs,
    ];

    /// <summary>The job's id: 16 lowercase hex characters.</summary>
    public static string IdOf(JobSpec spec)
    {
        // A sweep computes ids for up to 100,000s of points at once: hash from the stack, hex only the bytes kept.
        var json = CanonicalJson(spec);
        var size = Encoding.UTF8.GetMaxByteCount(json.Length);
        var bytes = size <= 1024 ? stackalloc byte[1024] : new byte[size];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(json, bytes)], hash);
        return Convert.ToHexStringLower(hash[..(IdLength / 2)]);
    }

    /// <summary>
    /// The spec as compact JSON with keys sorted (ordinal) at every level; the method is a nested object with its
    /// <c>name</c>. Left out: <see cref="HowToRunKeys"/>, unset optional keys (null), and <c>epochs</c> and the schedule keys for
    /// lp, which ignores them. Doubles use the shortest round-trip form (invariant culture), strings minimal JSON escapes.
    /// </summary>
    public static string CanonicalJson(JobSpec spec)
    {
        var isProbe = spec.Method is LinearProbeSpec;
        var json = new StringBuilder(384);
        WriteObject(json, JobSpecFields.Of(spec), field => !HowToRunKeys.Contains(field.Key) && !(isProbe && SgdOnlyKeys.Contains(field.Key)));
        return json.ToString();
    }

    private static void WriteObject(StringBuilder json, IReadOnlyList<SpecField> fields, Func<SpecField, bool>? include = null)
    {
        var present = new List<SpecField>(fields.Count);
        foreach (var field in fields)
        {
            if (field.Value is not null && (include is null || include(field)))
            {
                present.Add(field);
            }
        }

        present.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        json.Append('{');
        for (var i = 0; i < present.Count; i++)
        {
            json.Append(i == 0 ? "" : ",");
            WriteString(json, present[i].Key);
            json.Append(':');
            WriteValue(json, present[i].Value!);
        }

        json.Append('}');
    }

    private static void WriteValue(StringBuilder json, object value)
    {
        switch (value)
        {
            case IReadOnlyList<SpecField> children:
                WriteObject(json, children);
                break;
            case IReadOnlyList<int> ints:
                json.Append('[');
                for (var i = 0; i < ints.Count; i++)
                {
                    json.Append(i == 0 ? "" : ",").Append(ints[i].ToString(CultureInfo.InvariantCulture));
                }

                json.Append(']');
                break;
            case string text:
                WriteString(json, text);
                break;
            case bool flag:
                json.Append(flag ? "true" : "false");
                break;
            case double number:
                json.Append(SpecNumbers.Shortest(number));
                break;
            case int or long:
                json.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"No JSON form for {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            // Appending chars, not one string per char: a sweep computes ids for 100,000 points in one go.
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
