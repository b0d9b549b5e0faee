using System.Security.Cryptography;
using System.Text;

namespace Daft.Coordinator.Jobs;

/// <summary>
/// A sweep's id: the first 12 hex characters of the SHA-256 of its name and its sorted job ids. Submitting the same
/// sweep again is the same sweep (idempotent); an enlarged grid is a new sweep whose old points are already done.
/// </summary>
public static class SweepIdentity
{
    public const int IdLength = 12;

    public static string IdOf(string name, IEnumerable<string> jobIds)
    {
        var text = new StringBuilder(name).Append('\n');
        foreach (var id in jobIds.Order(StringComparer.Ordinal))
        {
            text.Append(id).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..IdLength];
    }
}
