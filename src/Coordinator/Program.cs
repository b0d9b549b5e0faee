using System.CommandLine;
using Daft.Coordinator.Cli;

// Ctrl-C / SIGTERM cancel the running verb, which then has 30 s to wind down (a sweep is cancelled, nodes drain)
// before the process exits anyway.
return await DaftCommand.InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
