using System.Globalization;
using System.Text.RegularExpressions;

namespace Daft.Datasets.Fmow;

/// <summary>Where a row's timestamp puts it under WILDS's official split scheme.</summary>
public enum FmowPeriod
{
    /// <summary>Before 2013 (or no timestamp): the ID period of train, id_val and id_test.</summary>
    InDistribution,
    /// <summary>2013 to 2015: <c>val_ood_mask</c>, the OOD validation period.</summary>
    OodVal,
    /// <summary>2016 on: <c>test_ood_mask</c>, the OOD test period.</summary>
    OodTest,
}

/// <summary>
/// The time logic of WILDS's <c>FMoWDataset</c> under <c>split_scheme='official'</c> (= <c>time_after_2016</c>):
/// <c>pd.to_datetime(metadata['timestamp'])</c> compared with UTC datetimes, so a timestamp is an instant (its offset
/// counts; one without a zone cannot be compared and pandas raises). OOD test is <c>&gt;= 2016-01-01T00:00Z</c>, OOD
/// val <c>&gt;= 2013-01-01T00:00Z</c> (three years before) and not OOD test; a missing timestamp (NaT) compares false,
/// so it is in distribution. The metadata <c>year</c> is <c>year − 2002</c> for 2002..2017, else −1.
/// </summary>
public static partial class FmowTime
{
    /// <summary><c>time_after_{YEAR}</c> of the official scheme.</summary>
    public const int OodTestYear = 2016;

    /// <summary>The first and last year of WILDS's <c>year</c> metadata (<c>range(2002, 2018)</c>).</summary>
    public const int FirstYear = 2002, LastYear = 2017;

    static readonly DateTimeOffset OodTestStart = new(OodTestYear, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset OodValStart = new(OodTestYear - 3, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static FmowPeriod Period(DateTimeOffset? time) => time switch
    {
        null => FmowPeriod.InDistribution,
        var t when t >= OodTestStart => FmowPeriod.OodTest,
        var t when t >= OodValStart => FmowPeriod.OodVal,
        _ => FmowPeriod.InDistribution,
    };

    /// <summary>WILDS's <c>year</c> metadata: years since 2002 by the UTC calendar, −1 outside 2002..2017 or for NaT.</summary>
    public static int Year(DateTimeOffset? time) =>
        time?.UtcDateTime.Year is int year && year is >= FirstYear and <= LastYear ? year - FirstYear : -1;

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    /// <summary>The instant of one ISO 8601 timestamp as fMoW writes them (<c>2017-03-29T08:45:48Z</c>, fractions and
    /// <c>±HH:MM</c> offsets too); null for a value pandas reads as NaN. Errors name the file and line.</summary>
    public static DateTimeOffset? Parse(string value, string path, int line)
    {
        if (Formats.CsvFile.IsMissing(value))
            return null;
        var match = Iso8601().Match(value);
        if (!match.Success)
            throw new InvalidDataException(
                $"'{path}' line {line}: timestamp '{value}' is not an ISO 8601 date and time (fMoW writes 2017-03-29T08:45:48Z). {FmowLayout.Fix}");
        if (!match.Groups[8].Success)
            throw new InvalidDataException(
                $"'{path}' line {line}: timestamp '{value}' has no time zone; WILDS compares timestamps with UTC dates, which pandas "
                + $"refuses for zoneless ones (fMoW's end in Z). {FmowLayout.Fix}");
        int Group(int g) => match.Groups[g].Success ? int.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            var fraction = match.Groups[7].Success ? long.Parse(match.Groups[7].Value.PadRight(7, '0')[..7], CultureInfo.InvariantCulture) : 0;
            var local = new DateTime(Group(1), Group(2), Group(3), Group(4), Group(5), Group(6), DateTimeKind.Unspecified).AddTicks(fraction);
            return new DateTimeOffset(local, Offset(match.Groups[8].Value));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"'{path}' line {line}: timestamp '{value}' is not a valid date and time. {FmowLayout.Fix}");
        }
    }

    static TimeSpan Offset(string zone)
    {
        if (zone == "Z")
            return TimeSpan.Zero;
        var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
        var minutes = int.Parse(digits[..2], CultureInfo.InvariantCulture) * 60
            + (digits.Length > 2 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0);
        return TimeSpan.FromMinutes(zone[0] == '-' ? -minutes : minutes);
    }
}
