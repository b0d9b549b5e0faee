using Daft.Coordinator.Cli;

return DaftCommand.Create().Parse(args).Invoke();
