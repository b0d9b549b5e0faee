using System.CommandLine;
using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Jobs;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Cli;

/// <summary>
/// <c>daft-node run-job JOB.yaml --out DIR</c>: runs one job in this process and writes result.json,
/// model.safetensors, spec.yaml and job.log into DIR. Exit 0 when the job produced a result (status succeeded, or
/// stopped_nan: a diverging learning rate is a result of its sweep, and the same seed would diverge again), 2 for a
/// bad job file or missing input, 1 when the job failed (result.json then says why).
/// </summary>
/// <remarks>
/// The farm's process executor runs every attempt through this verb, adding <c>--progress</c> (an
/// <c>@progress {json}</c> stdout line per event, <see cref="ProgressLines"/>), <c>--job-id</c> (the id the
/// coordinator computed: a node of another version computing another id must not run the job under it),
/// <c>--home</c> (where <c>job:&lt;id&gt;</c> references resolve) and <c>--device</c>/<c>--threads</c> (how to run,
/// not part of the id: they override the file's keys).
/// </remarks>
public static class RunJobCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job file (YAML; see configs/README.md)." };
        var output = new Option<string>("--out") { Description = "Output folder for result.json, model.safetensors, spec.yaml, job.log.", Required = true };
        var progress = new Option<bool>("--progress") { Description = "Print an '@progress {json}' line on stdout per phase and finished epoch (snake_case JobProgress plus \"milestone\")." };
        var jobId = new Option<string?>("--job-id") { Description = "The id the caller knows the job by; exit 2 when the file's computed id differs." };
        var home = new Option<string?>("--home") { Description = "Farm home for job:<id> references in weights and lp_head (default $DAFT_HOME, else ~/.local/share/daft)." };
        var device = new Option<string?>("--device") { Description = "Run on this device (cpu, cuda, cuda:N) whatever the file says." };
        var threads = new Option<int?>("--threads") { Description = "Torch threads, whatever the file says." };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
                result.AddError("--threads must be at least 1.");
        });
        var command = new Command("run-job", "Run one training job in this process.") { job, output, progress, jobId, home, device, threads };
        command.SetAction((parse, cancellation) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
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
            if (parse.GetValue(jobId) is { } expected && JobIdentity.IdOf(spec) is var actual && actual != expected)
            {
                stderr.WriteLine($"run-job: {IdMismatch(expected, actual)}");
                return Task.FromResult(CliErrors.InputError);
            }
            spec = spec with { Device = parse.GetValue(device) ?? spec.Device, Threads = parse.GetValue(threads) ?? spec.Threads };
            var onProgress = parse.GetValue(progress) ? ProgressLines.Writer(stdout) : null;
            // --progress means a node started this process: it must not outlive that node.
            if (onProgress is not null)
                ParentWatch.Start(stderr);
            return Task.FromResult(CliErrors.Guard(stderr, "run-job", () =>
            {
                // Tests only ($DAFT_FAULT, unset in production): a hang, crash or OOM on cue.
                if (FaultInjection.Apply(JobIdentity.IdOf(spec), stderr) is { } injectedExit)
                    return injectedExit;
                // The job's log lines on stderr as well as in job.log; stdout is the progress protocol's alone.
                using var log = JobLogs.Console(stderr);
                var result = JobRunner.Run(spec, parse.GetRequiredValue(output), cancellation, log, onProgress, parse.GetValue(home));
                stdout.WriteLine(Path.Combine(parse.GetRequiredValue(output), JobRunner.ResultFile));
                return result.Status is "succeeded" or "stopped_nan" ? 0 : 1;
            }, failedExitCode: 1));
        });
        return command;
    }

    /// <summary>Why a job is refused when its caller's id and the file's id differ.</summary>
    internal static string IdMismatch(string expected, string actual) =>
        $"the job file's id is {actual}, not {expected} as given: this daft-node computes job ids differently from the coordinator (different versions?)";
}
