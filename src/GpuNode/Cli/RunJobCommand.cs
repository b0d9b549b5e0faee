using System.CommandLine;
using Daft.GpuNode.Jobs;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Cli;

/// <summary>
/// <c>daft-node run-job JOB.yaml --out DIR</c>: runs one job in this process and writes result.json,
/// model.safetensors, spec.yaml and job.log into DIR. Exit 0 when the job produced a result (status succeeded, or
/// stopped_nan: a diverging learning rate is a result of its sweep, and the same seed would diverge again), 2 for a
/// bad job file or missing input, 1 when the job failed (result.json then says why).
/// </summary>
public static class RunJobCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job file (YAML; see configs/README.md)." };
        var output = new Option<string>("--out") { Description = "Output folder for result.json, model.safetensors, spec.yaml, job.log.", Required = true };
        var command = new Command("run-job", "Run one training job in this process.") { job, output };
        command.SetAction((parse, cancellation) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            JobSpec spec;
            try
            {
                spec = JobSpecLoader.Load(parse.GetRequiredValue(job));
            }
            catch (ConfigException error)
            {
                stderr.WriteLine(error.Message);
                return Task.FromResult(CliErrors.InputError);
            }
            return Task.FromResult(CliErrors.Guard(stderr, "run-job", () =>
            {
                var result = JobRunner.Run(spec, parse.GetRequiredValue(output), cancellation, stderr);
                parse.InvocationConfiguration.Output.WriteLine(Path.Combine(parse.GetRequiredValue(output), JobRunner.ResultFile));
                return result.Status is "succeeded" or "stopped_nan" ? 0 : 1;
            }, failedExitCode: 1));
        });
        return command;
    }
}
