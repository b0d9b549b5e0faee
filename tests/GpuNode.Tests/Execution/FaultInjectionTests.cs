using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Jobs;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>
/// <c>$DAFT_FAULT</c> (<see cref="FaultInjection"/>) and how the process executor classifies each injected fault: real
/// <c>daft-node run-job</c> children, started through <c>/usr/bin/env DAFT_FAULT=…</c> so that no other test's child
/// sees the variable.
/// </summary>
public sealed class FaultInjectionTests
{
    readonly string _home = FarmJobs.NewHome();

    [Theory]
    [InlineData(null, "a", null)]
    [InlineData("", "a", null)]
    [InlineData("hang", "a", "hang")]
    [InlineData("segfault@b", "a", null)]
    [InlineData("segfault@b", "b", "segfault")]
    [InlineData("exit:3, oom@b", "b", "oom")]
    [InlineData("exit:3, oom@b", "a", "exit:3")]
    public void A_fault_applies_to_its_job_or_to_every_job(string? value, string jobId, string? expected) =>
        Assert.Equal(expected, FaultInjection.For(value, jobId));

    [Theory]
    [InlineData("segfault", "failed", true, "job process killed by signal 11 (SIGSEGV): run-job: DAFT_FAULT: injecting 'segfault'")]
    [InlineData("exit:3", "failed", true, "DAFT_FAULT: injecting 'exit:3'")]
    [InlineData("oom", "failed", false, "out of memory: ")]
    [InlineData("bogus", "failed", false, "bad job spec: DAFT_FAULT: injecting 'bogus'")]
    public async Task Each_injected_fault_ends_the_attempt_as_its_real_counterpart_would(string fault, string status, bool retryable, string reasonStart)
    {
        var node = NodeCommand.Current();
        var executor = new ProcessJobExecutor(new NodeCommand("/usr/bin/env", [$"{FaultInjection.Variable}={fault}", node.FileName, .. node.LeadingArguments]));

        var outcome = await executor.RunAsync(FarmJobs.Work(_home, FarmJobs.OneEpoch), (_, _) => { }, default).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal((status, retryable), (outcome.Status, outcome.Retryable));
        Assert.StartsWith(reasonStart, outcome.Reason);
        Assert.Null(outcome.ResultJson);
    }
}
