using Akka.Actor;
using Akka.Configuration;
using Daft.GpuNode.Farm;
using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Tests.Execution;
using Daft.Shared.Farm;
using Daft.Shared.Logging;
using Daft.Tests.Support;
using Serilog;
using Serilog.Events;

namespace Daft.GpuNode.Tests.Farm;

/// <summary>
/// The node's own log of each attempt, as Akka hands it to Serilog: one line when it starts and one when it ends, with
/// the job id, attempt, device, outcome and duration as properties a log collector can filter on.
/// </summary>
public sealed class DeviceActorLogTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    static ActorSystem System(ILogger log) => ActorSystem.Create("node-log", BootstrapSetup.Create()
        .WithConfig(ConfigurationFactory.ParseString($$"""
            akka.loggers = ["{{typeof(SerilogAkkaLogger).FullName}}, {{typeof(SerilogAkkaLogger).Assembly.GetName().Name}}"]
            akka.loglevel = INFO
            akka.stdout-loglevel = OFF
            """))
        .And(new SerilogSetup(log)));

    static async Task<(LogEvent Started, LogEvent Ended)> RunOneAttempt(IJobExecutor executor, string jobId, string yaml, int attempt)
    {
        var sink = new MemorySink();
        using var log = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(sink).CreateLogger();
        using var system = System(log);
        var device = new NodeDevice("cpu:1", "cpu", 0, 1, "cpu", null);
        var actor = system.ActorOf(DeviceActor.Props(device, "node-a", FarmJobs.NewHome(), ActorRefs.Nobody, executor, new DeviceTimings(TimeSpan.FromSeconds(30))));

        actor.Tell(new WorkLease(jobId, attempt, yaml, 30));

        var started = await sink.WaitFor(e => e.MessageTemplate.Text.Contains("started", StringComparison.Ordinal), Wait);
        var ended = await sink.WaitFor(e => e.Properties.ContainsKey("Outcome"), Wait);
        await system.Terminate();
        return (started, ended);
    }

    [Fact]
    public async Task A_succeeded_attempt_is_logged_at_its_start_and_end_with_its_properties()
    {
        var jobId = FarmJobs.IdOf(FarmJobs.OneEpoch);

        var (started, ended) = await RunOneAttempt(new NoopJobExecutor(TimeSpan.FromMilliseconds(300)), jobId, FarmJobs.OneEpoch, attempt: 3);

        Assert.Equal(LogEventLevel.Information, started.Level);
        Assert.Equal((jobId, 3, "cpu:1", "noop"), (started.Scalar("JobId"), started.Scalar("Attempt"), started.Scalar("Device"), started.Scalar("Executor")));
        Assert.Equal(LogEventLevel.Information, ended.Level);
        Assert.Equal((jobId, 3, "cpu:1", "succeeded"), (ended.Scalar("JobId"), ended.Scalar("Attempt"), ended.Scalar("Device"), ended.Scalar("Outcome")));
        var seconds = Assert.IsType<double>(ended.Scalar("DurationSeconds"));
        Assert.InRange(seconds, 0.25, 20);
        Assert.StartsWith($"cpu:1: job {jobId} attempt 3 succeeded after ", ended.Text());
        Assert.Contains("/user/", (string)ended.Scalar("ActorPath")!);
    }

    [Fact]
    public async Task A_failed_attempt_is_a_warning_with_its_reason()
    {
        const string bad = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: 0\n";

        var (_, ended) = await RunOneAttempt(new NoopJobExecutor(), "0123456789abcdef", bad, attempt: 1);

        Assert.Equal(LogEventLevel.Warning, ended.Level);
        Assert.Equal("failed", ended.Scalar("Outcome"));
        Assert.Contains("`epochs` must be at least 1", (string)ended.Scalar("Reason")!);
    }
}
