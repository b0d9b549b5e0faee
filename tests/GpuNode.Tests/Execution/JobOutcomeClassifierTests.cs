using Daft.GpuNode.Farm.Execution;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>
/// How a child's end becomes an outcome: the rules the dispatcher's retries rest on (a bad spec, NaN and out of memory
/// fail the same way again; a crash or a kill may not) and the reasons sweep status shows.
/// </summary>
public sealed class JobOutcomeClassifierTests
{
    const string Succeeded = """{"job_id":"0123456789abcdef","status":"succeeded","error":null,"epochs":[{},{}]}""";

    static string Result(string status, string? error = null, int epochs = 0) =>
        $$"""{"status":"{{status}}","error":{{(error is null ? "null" : $"\"{error}\"")}},"epochs":[{{string.Join(",", Enumerable.Repeat("{}", epochs))}}]}""";

    [Fact]
    public void Exit_0_with_a_succeeded_result_succeeds_and_carries_the_result()
    {
        var outcome = JobOutcomeClassifier.FromProcess(0, Succeeded, []);

        Assert.Equal(new JobOutcome("succeeded", null, false, Succeeded), outcome);
    }

    [Fact]
    public void A_nan_loss_fails_for_good_naming_the_epoch_and_keeps_the_result()
    {
        var json = Result("stopped_nan", epochs: 2);

        var outcome = JobOutcomeClassifier.FromProcess(0, json, []);

        Assert.Equal(new JobOutcome("failed", "loss became NaN at epoch 3", false, json), outcome);
    }

    [Fact]
    public void Exit_2_is_a_bad_spec_reported_by_its_first_error_lines()
    {
        string[] stderr = ["/h/jobs/x/spec.yaml:6:9: `epochs` must be at least 1, got 0", "/h/jobs/x/spec.yaml:7:1: unknown key `epoch`", "third", "fourth"];

        var outcome = JobOutcomeClassifier.FromProcess(2, null, stderr);

        Assert.Equal("failed", outcome.Status);
        Assert.False(outcome.Retryable);
        Assert.Equal("bad job spec: /h/jobs/x/spec.yaml:6:9: `epochs` must be at least 1, got 0; /h/jobs/x/spec.yaml:7:1: unknown key `epoch`; third", outcome.Reason);
    }

    [Fact]
    public void Exit_2_after_the_job_started_drops_the_verb_prefix()
    {
        var json = Result("failed", "FileNotFoundException: the LP job 0123456789abcdef has not produced /h/jobs/0123456789abcdef/head.safetensors; it must succeed first");

        var outcome = JobOutcomeClassifier.FromProcess(2, json,
            ["run-job: the LP job 0123456789abcdef has not produced /h/jobs/0123456789abcdef/head.safetensors; it must succeed first"]);

        Assert.False(outcome.Retryable);
        Assert.Equal("bad job spec: the LP job 0123456789abcdef has not produced /h/jobs/0123456789abcdef/head.safetensors; it must succeed first", outcome.Reason);
        Assert.Equal(json, outcome.ResultJson);
    }

    [Theory]
    [InlineData("run-job: failed: ExternalException: CUDA out of memory. Tried to allocate 2.00 GiB", "out of memory: CUDA out of memory. Tried to allocate 2.00 GiB")]
    [InlineData("terminate called after throwing an instance of 'std::bad_alloc'", "out of memory: terminate called after throwing an instance of 'std::bad_alloc'")]
    [InlineData("Unhandled exception. System.OutOfMemoryException: Insufficient memory", "out of memory: Unhandled exception. System.OutOfMemoryException: Insufficient memory")]
    public void Running_out_of_memory_fails_for_good_whatever_the_exit_code(string line, string reason)
    {
        foreach (var code in new[] { 1, 134 })
        {
            var outcome = JobOutcomeClassifier.FromProcess(code, null, ["some earlier line", line]);

            Assert.Equal(new JobOutcome("failed", reason, false, null), outcome);
        }
    }

    [Fact]
    public void Out_of_memory_in_result_json_wins_over_stderr()
    {
        var json = Result("failed", "ExternalException: CUDA out of memory. Tried to allocate 20.00 MiB");

        var outcome = JobOutcomeClassifier.FromProcess(1, json, ["run-job: failed: something else"]);

        Assert.Equal("out of memory: CUDA out of memory. Tried to allocate 20.00 MiB", outcome.Reason);
        Assert.False(outcome.Retryable);
    }

    [Theory]
    [InlineData(139, "job process killed by signal 11 (SIGSEGV)")]
    [InlineData(137, "job process killed by signal 9 (SIGKILL)")]
    [InlineData(143, "job process killed by signal 15 (SIGTERM)")]
    [InlineData(170, "job process killed by signal 42 (SIG42)")]
    public void A_signal_is_retryable_and_named(int code, string reason)
    {
        var outcome = JobOutcomeClassifier.FromProcess(code, null, []);

        Assert.Equal(new JobOutcome("failed", reason, true, null), outcome);
    }

    [Fact]
    public void An_abort_says_what_was_printed_first()
    {
        var outcome = JobOutcomeClassifier.FromProcess(134, null, ["Unhandled exception. System.InvalidOperationException: boom", "   at Foo.Bar()"]);

        Assert.Equal("job process killed by signal 6 (SIGABRT): Unhandled exception. System.InvalidOperationException: boom", outcome.Reason);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public void Another_failure_is_retryable_with_result_json_s_error_or_the_last_stderr_lines()
    {
        var json = Result("failed", "InvalidOperationException: Device 'cuda:99' asked for, but CUDA is not available here");

        Assert.Equal(new JobOutcome("failed", "InvalidOperationException: Device 'cuda:99' asked for, but CUDA is not available here", true, json),
            JobOutcomeClassifier.FromProcess(1, json, ["run-job: failed: InvalidOperationException: Device 'cuda:99'"]));
        Assert.Equal("IOException: disk full; second",
            JobOutcomeClassifier.FromProcess(1, null, ["first", "run-job: failed: IOException: disk full", "second"]).Reason);
        Assert.Equal("job process exited with code 3", JobOutcomeClassifier.FromProcess(3, null, []).Reason);
    }

    [Fact]
    public void Exit_0_without_a_result_is_retryable_and_a_torn_result_counts_as_none()
    {
        var outcome = JobOutcomeClassifier.FromProcess(0, """{"status":"succ""", []);

        Assert.Equal(new JobOutcome("failed", "job process exited 0 without a readable result.json", true, """{"status":"succ"""), outcome);
    }

    [Fact]
    public void Reasons_are_one_line_and_bounded()
    {
        var outcome = JobOutcomeClassifier.FromProcess(1, null, [new string('x', 1000)]);

        Assert.Equal(OutcomeText.MaxLength, outcome.Reason!.Length);
        Assert.EndsWith("…", outcome.Reason);
        Assert.Equal("a b c", OutcomeText.Short("a\n  b\tc "));
    }

    [Fact]
    public void Job_log_lines_are_not_error_lines()
    {
        Assert.False(OutcomeText.IsErrorLine("2026-12-01T20:59:23.784Z epoch 1/1 lr 0.05 train loss 1.5"));
        Assert.False(OutcomeText.IsErrorLine("  "));
        Assert.True(OutcomeText.IsErrorLine("run-job: failed: IOException: disk full"));
    }

    [Fact]
    public void Exceptions_in_process_follow_the_same_rules()
    {
        var config = new ConfigException([new ConfigError("spec.yaml", 6, 9, "`epochs` must be at least 1, got 0")]);

        Assert.Equal(new JobOutcome("failed", "bad job spec: spec.yaml:6:9: `epochs` must be at least 1, got 0", false, null),
            JobOutcomeClassifier.FromException(config, null));
        Assert.Equal(new JobOutcome("failed", "bad job spec: no such file", false, "{}"),
            JobOutcomeClassifier.FromException(new FileNotFoundException("no such file"), "{}"));
        Assert.Equal(new JobOutcome("failed", "out of memory: Insufficient memory to continue the execution of the program.", false, null),
            JobOutcomeClassifier.FromException(new OutOfMemoryException(), null));
        Assert.Equal(new JobOutcome("failed", "out of memory: CUDA out of memory. Tried to allocate 2 GiB", false, null),
            JobOutcomeClassifier.FromException(new System.Runtime.InteropServices.ExternalException("CUDA out of memory. Tried to allocate 2 GiB"), null));
        Assert.Equal(new JobOutcome("failed", "IOException: disk full", true, null),
            JobOutcomeClassifier.FromException(new IOException("disk full"), null));
    }

    [Fact]
    public void A_returned_result_succeeds_or_stopped_on_nan()
    {
        Assert.Equal("succeeded", JobOutcomeClassifier.FromResult(Succeeded).Status);
        Assert.Equal(new JobOutcome("failed", "loss became NaN at epoch 1", false, Result("stopped_nan")),
            JobOutcomeClassifier.FromResult(Result("stopped_nan")));
    }
}
