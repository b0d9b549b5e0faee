using System.Text.Json;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Sweeps;
using Daft.Coordinator.Tests.Cli;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Sweeps;

public sealed class SweepPlanCommandTests : IDisposable
{
    // 1 pretrain + run_num x (lp, ft, lp_ft, daft): the first submission has run_nums 1 and 2 (9 jobs).
    private const string Tiny = """
        name: tiny
        device: cpu
        defaults: {epochs: 1}
        pretrain: {dataset: digits, backbone: small_cnn, method: {name: ft, lr: 0.05}, epochs: 3}
        grid:
          dataset: [digits_inverted]
          backbone: [small_cnn]
          run_num: [1, 2]
        methods:
          lp: {c_num: 5}
          ft: {lr: 0.01}
          lp_ft: {lr: 0.001}
          daft: {lr: 0.01, head_lr: 0.1}
        """;

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    [Fact]
    public void Without_a_ledger_every_job_is_new_and_the_database_is_not_created()
    {
        var file = _folder.Write("tiny.yaml", Tiny);
        var db = Path.Combine(_folder.Path, "home", "daft.db");

        var result = CliRun.Daft("sweep", "plan", file, "--home", Path.Combine(_folder.Path, "home"));

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var plan = SweepLoader.Load(file);
        Assert.Equal(
        [
            $"sweep   tiny (id {plan.SweepId}), priority 0, max_attempts 3, device cpu",
            $"file    {file}",
            $"ledger  sqlite:{db} (does not exist yet: every job is new)",
            "",
            "9 jobs: 9 to run (9 new, 0 failed before, 0 cancelled before); 0 already succeeded (in this or another sweep: results reused); "
                + "0 already queued or running",
            "",
            "method         jobs  run  new  failed  cancelled  reuse  join",
            "-------------  ----  ---  ---  ------  ---------  -----  ----",
            "ft (pretrain)     1    1    1       0          0      0     0",
            "lp                2    2    2       0          0      0     0",
            "ft                2    2    2       0          0      0     0",
            "lp_ft             2    2    2       0          0      0     0",
            "daft              2    2    2       0          0      0     0",
            "all               9    9    9       0          0      0     0",
            "",
            "--jobs lists every job with its state and the reason for its action; --json writes all of it for scripts.",
        ], result.Output.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void Against_a_ledger_it_says_what_resubmitting_would_run_reuse_and_join_and_why()
    {
        var first = SweepLoader.Load(_folder.Write("tiny.yaml", Tiny));
        var db = Path.Combine(_folder.Path, "daft.db");
        var ids = first.Jobs.Select(job => job.Id).ToList();
        using (var ledger = LedgerFactory.Open(db))
        {
            ledger.Submit(first, Now);
            ledger.Write(
            [
                new JobLeasedWrite(ids[0], 1, "n", "cpu:0", Now.AddMinutes(5), Now),
                new JobSucceededWrite(ids[0], 1, "{}", Now),
                new JobLeasedWrite(ids[1], 1, "n", "cpu:0", Now.AddMinutes(5), Now),
                new JobFailedWrite(ids[1], 1, "out of memory", false, Final: true, ResultJson: null, Now),
                new JobCancelledWrite(ids[2], "user", Now),
                new JobLeasedWrite(ids[3], 1, "n", "cpu:1", Now.AddMinutes(5), Now),
                new JobStartedWrite(ids[3], 1, Now.AddMinutes(5), Now),
            ]);
        }

        // The enlarged sweep: run_num 3 adds 4 new jobs.
        var enlarged = _folder.Write("tiny3.yaml", Tiny.Replace("run_num: [1, 2]", "run_num: [1, 2, 3]"));
        var result = CliRun.Daft("sweep", "plan", enlarged, "--db", db, "--json");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(("sqlite:" + db, true), (root.GetProperty("ledger").GetProperty("database").GetString(), root.GetProperty("ledger").GetProperty("exists").GetBoolean()));
        var summary = root.GetProperty("summary");
        Assert.Equal((13, 6, 4, 1, 1, 1, 6), (Int(summary, "jobs"), Int(summary, "to_run"), Int(summary, "new"), Int(summary, "failed_before"),
            Int(summary, "cancelled_before"), Int(summary, "succeeded"), Int(summary, "queued_or_running")));
        var jobs = root.GetProperty("jobs").EnumerateArray().ToDictionary(job => job.GetProperty("id").GetString()!);
        Assert.Equal(("succeeded", "reuse", "already succeeded: its result is reused"), Row(jobs[ids[0]]));
        Assert.Equal(("failed", "run", "failed before: submitting re-queues it"), Row(jobs[ids[1]]));
        Assert.Equal(("cancelled", "run", "cancelled before: submitting re-queues it"), Row(jobs[ids[2]]));
        Assert.Equal(("running", "join", "already running"), Row(jobs[ids[3]]));
        Assert.Equal(("pending", "join", "already queued"), Row(jobs[ids[4]]));
        Assert.Equal(4, jobs.Values.Count(job => Row(job) == ("new", "run", "new job")));
        var lpFt = jobs.Values.First(job => job.GetProperty("method").GetString() == "lp_ft");
        Assert.Equal([ids[1], ids[0]], lpFt.GetProperty("depends_on").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal((0.001, "lp_ft"), (lpFt.GetProperty("lr").GetDouble(), lpFt.GetProperty("tags").GetProperty("method").GetString()));
        Assert.Equal("lp", root.GetProperty("methods")[1].GetProperty("method").GetString());
    }

    [Fact]
    public void Jobs_lists_every_job_with_its_dependencies_state_and_action()
    {
        var file = _folder.Write("tiny.yaml", Tiny);
        var plan = SweepLoader.Load(file);

        var result = CliRun.Daft("sweep", "plan", file, "--db", Path.Combine(_folder.Path, "absent.db"), "--jobs");

        var lines = result.Output.TrimEnd('\n').Split('\n');
        var header = Array.FindIndex(lines, line => line.StartsWith("job ", StringComparison.Ordinal));
        Assert.Equal("job               method         dataset          model         lr  head_lr  run  depends on                         status  action  why",
            lines[header]);
        Assert.Equal(plan.Jobs.Length, lines.Length - header - 2);
        Assert.Equal($"{plan.Jobs[0].Id}  ft (pretrain)  digits           small_cnn   0.05        -    1  -                                  new     run     new job",
            lines[header + 2]);
        var lpFt = plan.Jobs[3];
        Assert.Equal($"{lpFt.Id}  lp_ft          digits_inverted  small_cnn  0.001        -    1  {lpFt.DependsOn[0]},{plan.Jobs[0].Id}  new     run     new job",
            lines[header + 5]);
    }

    [Fact]
    public void An_invalid_sweep_prints_every_error_and_exits_2()
    {
        var file = _folder.Write("bad.yaml", "name: bad\ngrid: {run_num: [0]}\nmethods: {fx: {}}\n");

        var result = CliRun.Daft("sweep", "plan", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{file}:2:18: `run_num` must be at least 1, got 0\n{file}:3:11: unknown method `fx`; methods: lp, ft, lp_ft, daft, dann\n", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_missing_file_or_an_unusable_database_name_exits_2()
    {
        var absent = Path.Combine(_folder.Path, "absent.yaml");
        Assert.Equal((2, $"{absent}: cannot read the sweep file: no such file\n"), Outcome(CliRun.Daft("sweep", "plan", absent)));

        var file = _folder.Write("tiny.yaml", Tiny);
        var result = CliRun.Daft("sweep", "plan", file, "--db", "mysql://x");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("sweep plan: 'mysql://x' names no ledger database. Use one of: sqlite:PATH", result.Error);
    }

    [Fact]
    public void Bench_expand_times_a_generated_sweep_of_about_the_asked_size()
    {
        var result = CliRun.Daft("sweep", "bench-expand", "--points", "300", "--repeats", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("expanded 426 jobs (3 run_nums x 2 datasets x 71 method points) on ", result.Output);
        Assert.Contains(" ms (2 runs after 1 warm-up)", result.Output);
    }

    public void Dispose() => _folder.Dispose();

    private static int Int(JsonElement element, string name) => element.GetProperty(name).GetInt32();

    private static (string?, string?, string?) Row(JsonElement job) =>
        (job.GetProperty("status").GetString(), job.GetProperty("action").GetString(), job.GetProperty("reason").GetString());

    private static (int, string) Outcome(CliResult result) => (result.ExitCode, result.Error);
}
