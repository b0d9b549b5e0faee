using System.CommandLine;
using Daft.GpuNode.Cli;

namespace Daft.GpuNode.Tests.Cli;

/// <summary>The daft-node verbs, invoked in-process with stdout and stderr captured.</summary>
static class NodeCli
{
    public sealed record Outcome(int Code, string Out, string Error);

    public static Outcome Run(params string[] args)
    {
        var root = new RootCommand
        {
            RunJobCommand.Create(),
            ModelCommands.Create(),
            FeatureCommands.Create(),
            ProbeCommands.Create(),
            BenchCommands.Create(),
        };
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var parsed = root.Parse(args);
        Assert.Empty(parsed.Errors); // a usage error here is the test's mistake, not the verb's behaviour
        var code = parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }
}
