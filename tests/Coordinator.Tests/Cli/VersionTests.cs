namespace Daft.Coordinator.Tests.Cli;

public class VersionTests
{
    [Fact]
    public void Version_prints_the_daft_assembly_version()
    {
        var result = CliRun.Daft("--version");

        Assert.Equal(0, result.ExitCode);
        // 0.1.0 from Daft.Coordinator.csproj, "+<commit>" appended when built from git.
        Assert.Matches(@"^0\.1\.0(\+[0-9a-f]+)?\n$", result.Output);
    }

    [Fact]
    public void An_unknown_verb_is_a_usage_error()
    {
        var result = CliRun.Daft("job", "frobnicate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("frobnicate", result.Error);
    }
}
