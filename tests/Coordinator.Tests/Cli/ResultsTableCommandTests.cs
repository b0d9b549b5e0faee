using System.Text.Json;
using Daft.Coordinator.Results.Tables;
using Daft.Coordinator.Tests.Support;
using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Cli;

/// <summary>`daft results table` and `daft results export` end to end, from a ledger alone (no cluster).</summary>
public sealed class ResultsTableCommandTests : IDisposable
{
    // lp and ft at two LRs, 2 run_nums each: 6 jobs.
    private const string Sweep = """
        name: grid
        device: cpu
        defaults: {epochs: 1}
        grid:
          dataset: [digits_shift]
          backbone: [small_cnn]
          run_num: [1, 2]
        methods:
          lp: {c_num: 5}
          ft: {lr: [0.01, 0.1]}
        """;

    private readonly TempFolder _folder = new();
    private readonly string _db;

    public ResultsTableCommandTests()
    {
        _db = Path.Combine(_folder.Path, "daft.db");
        // LP: ID 0.90 / 0.92; FT lr=0.01: 0.95 / 0.97 (mean 96); FT lr=0.1: run 1 0.99, run 2 failed (mean 99 over 1).
        ResultLedgers.Create(_db, _folder.Write("grid.yaml", Sweep), job =>
        {
            var run = job.Spec.RunNum;
            return job.Spec.Method.Name switch
            {
                "lp" => JobEnd.Succeeded(("id_val", run == 1 ? 0.90 : 0.92), ("mnist_m", 0.60), ("digits", 0.50)),
                "ft" when job.Spec.Method is FineTuneSpec { Lr: 0.1 } =>
                    run == 1 ? JobEnd.Succeeded(("id_val", 0.99), ("mnist_m", 0.30), ("digits", 0.20)) : JobEnd.Failed("loss became NaN at epoch 1"),
                _ => JobEnd.Succeeded(("id_val", run == 1 ? 0.95 : 0.97), ("mnist_m", 0.40), ("digits", 0.35)),
            };
        });
    }

    [Fact]
    public void Markdown_table_picks_the_best_mean_setting_and_lists_the_failed_replicate()
    {
        var result = CliRun.Daft("results", "table", "grid", "--db", _db, "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Contains("| LP | 2/2 | - | 91.00 ± 1.41 | **50.00 ± 0.00** | **60.00 ± 0.00** |", lines);
        // lr=0.1 has the best mean ID (99, one replicate) over lr=0.01 (96): the mean decides, n is shown.
        Assert.Contains("| FT | 1/2 | lr=0.1 | **99.00** | 20.00 | 30.00 |", lines);
        Assert.Contains("- FT on digits\\_shift, lr=0.1: run 2 failed: loss became NaN at epoch 1", lines);
    }

    [Fact]
    public void Latex_csv_and_json_go_to_files_or_stdout()
    {
        var tex = Path.Combine(_folder.Path, "out", "table.tex");
        var latex = CliRun.Daft("results", "table", "grid", "--db", _db, "--format", "latex", "--out", tex);
        var csv = CliRun.Daft("results", "table", "grid", "--db", _db, "--format", "csv", "--spread", "interval90");
        var json = CliRun.Daft("results", "table", "grid", "--db", _db, "--format", "json");

        Assert.Equal(0, latex.ExitCode);
        Assert.Contains($"wrote {tex}", latex.Output);
        Assert.Contains("\\toprule", File.ReadAllText(tex));
        Assert.Equal(CsvTableWriter.Header, csv.Output.Split('\n')[0]);
        Assert.Equal(7, csv.Output.TrimEnd('\n').Split('\n').Length);
        using var document = JsonDocument.Parse(json.Output);
        var table = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal("small_cnn", table.GetProperty("model").GetString());
        Assert.Equal(2, table.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void Export_writes_one_row_per_job_failed_ones_included()
    {
        var result = CliRun.Daft("results", "export", "grid", "--db", _db);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("job_id,dataset,model,method,hyper,run_num,state,reason,id_val,digits,mnist_m", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Single(lines, line => line.Contains(",ft,lr=0.1,2,failed,loss became NaN at epoch 1,,,", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith(",lp,,1,succeeded,,90,50,60", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_sweep_or_a_bad_table_file_exits_2_naming_what_is_wrong()
    {
        var sweep = CliRun.Daft("results", "table", "gird", "--db", _db);
        var table = CliRun.Daft("results", "table", "grid", "--db", _db, "--table", _folder.Write("bad.yaml", "name: bad\nrowz: {}\n"));

        Assert.Equal(2, sweep.ExitCode);
        Assert.Contains($"results table: no sweep 'gird' (by id, name or start of id) in sqlite:{_db}", sweep.Error);
        Assert.Equal(2, table.ExitCode);
        Assert.Contains("bad.yaml:2:1: unknown key `rowz` (did you mean `rows`?)", table.Error);
    }

    public void Dispose() => _folder.Dispose();
}
