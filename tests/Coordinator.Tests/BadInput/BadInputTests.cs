using System.Security.Cryptography;
using System.Text;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Api;
using Daft.Coordinator.Tests.Cli;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.BadInput;

/// <summary>
/// The bad-input suite (issue 10): every case of <see cref="BadInputCases"/> runs <c>daft</c> in-process on a folder of
/// its own and must give its exact message (file:line:col and what to do), its exit status, no stack trace, no secret,
/// and leave the ledger byte for byte as it was. Malformed API bodies are posted to a coordinator's HTTP API.
/// </summary>
public sealed class BadInputTests
{
    private const string StackTraceLine = "   at ";

    public static TheoryData<BadInputCase> Cases() => [.. BadInputCases.All()];

    [Fact]
    public void The_table_covers_at_least_30_bad_inputs_each_named_once() =>
        Assert.True(BadInputCases.All().Count() >= 30 && BadInputCases.All().Select(c => c.Name).Distinct().Count() == BadInputCases.All().Count());

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_input_gives_its_message_and_exit_status_no_stack_trace_and_no_ledger_change(BadInputCase bad)
    {
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "daft.db");
        using (var ledger = new SqliteLedger(db))
        {
            ledger.Submit(TinySweep.Plan("existing", jobs: 2), DateTimeOffset.UtcNow);
        }

        var before = Digest(db);
        foreach (var (name, content) in bad.Files)
        {
            Write(Path.Combine(folder.Path, name), Expand(content, folder.Path));
        }

        var result = CliRun.Daft([.. bad.Args.Select(arg => Expand(arg, folder.Path).Replace("{db}", db, StringComparison.Ordinal))]);

        var output = result.Output + result.Error;
        Assert.True(result.ExitCode == bad.ExitCode, $"exit {result.ExitCode}, expected {bad.ExitCode}:\n{output}");
        foreach (var expected in bad.Expected)
        {
            Assert.Contains(Expand(expected, folder.Path), output);
        }

        Assert.DoesNotContain(StackTraceLine, output);
        Assert.DoesNotContain("pw-never-shown", output);
        Assert.Equal(before, Digest(db));
    }

    [Fact]
    public void With_verbose_an_unexpected_error_shows_its_stack_trace()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "s.yaml"), BadInputCases.Sweep);

        var result = CliRun.Daft("sweep", "submit", Path.Combine(folder.Path, "s.yaml"), "--db", Path.Combine(folder.Path, "ledger.txt"), "--verbose");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("names no ledger database", result.Error);
        Assert.Contains(StackTraceLine + "Daft.Coordinator.Ledger.LedgerAddress.Parse", result.Error);
    }

    [Fact]
    public async Task Malformed_api_bodies_get_400_with_a_message_no_stack_trace_and_change_nothing()
    {
        await using var farm = await TestFarm.StartAsync();
        using var client = farm.Client();
        var jobsBefore = farm.Ledger.OpenJobs().Count;
        (HttpContent Body, string Message)[] cases =
        [
            (new StringContent("{\"yaml\": ", Encoding.UTF8, "application/json"), "the body must be the sweep file as text"),
            (new StringContent("{\"yaml\": 5}", Encoding.UTF8, "application/json"), "the body must be the sweep file as text"),
            (new StringContent("[1, 2]", Encoding.UTF8, "application/json"), "the body must be the sweep file as text"),
            (new StringContent("", Encoding.UTF8, "text/yaml"), "the body must be the sweep file as text"),
            (new StringContent(BadInputCases.Sweep.Replace("lr: 0.01", "lr: -1", StringComparison.Ordinal), Encoding.UTF8, "text/yaml"), "`lr` must be greater than 0, got -1"),
        ];

        foreach (var (body, message) in cases)
        {
            var response = await client.PostAsync("api/sweeps", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
            Assert.Contains(message, text);
            Assert.DoesNotContain(StackTraceLine, text);
        }

        Assert.Equal(jobsBefore, farm.Ledger.OpenJobs().Count);
    }

    private static string Expand(string text, string folder) => text.Replace("{dir}", folder, StringComparison.Ordinal);

    private static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (content is not (BadInputCases.Truncated or BadInputCases.Flipped))
        {
            File.WriteAllText(path, content);
            return;
        }

        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "digits", "digits.csv.gz"));
        if (content == BadInputCases.Truncated)
        {
            bytes = bytes[..5000];
        }
        else
        {
            bytes[^1] ^= 1;
        }

        File.WriteAllBytes(path, bytes);
    }

    private static string Digest(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
