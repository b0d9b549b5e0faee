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
};
return root.Parse(args).Invoke();
