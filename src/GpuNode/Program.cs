using System.CommandLine;
using Daft.GpuNode.Cli;
using Daft.GpuNode.Native;

// First, before any TorchSharp type loads: make libLibTorchSharp.so loadable on this system.
LibTorchSharpLoader.EnsurePatched();

var root = new RootCommand("daft-node: the Daft GPU node (training library, job runner, tools).")
{
    RunJobCommand.Create(),
    ModelCommands.Create(),
    FeatureCommands.Create(),
    ProbeCommands.Create(),
    ServeCommand.Create(),
    BenchCommands.Create(),
};
var parsed = root.Parse(args);
// No forced exit 2 s after SIGTERM/Ctrl-C (System.CommandLine's default): `serve` drains first, which takes longer.
var code = parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
return parsed.Errors.Count > 0 ? 2 : code; // usage errors exit 2, like bad input files
