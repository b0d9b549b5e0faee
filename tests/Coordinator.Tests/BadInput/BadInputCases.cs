namespace Daft.Coordinator.Tests.BadInput;

/// <summary>The table of <see cref="BadInputTests"/>: every kind of bad input issue 10 lists, each with the exact message.</summary>
internal static class BadInputCases
{
    /// <summary>A valid one-job sweep; each case breaks one line of it.</summary>
    public const string Sweep = """
        name: t
        device: cpu
        defaults:
          epochs: 1
        grid:
          dataset: [digits]
          backbone: [small_cnn]
          run_num: [1]
        methods:
          ft: {lr: 0.01}

        """;

    private const string AllowedTop = "allowed sweep keys: name, description, priority, max_attempts, device, min_device_memory_gb, defaults, pretrain, grid, methods, overrides";

    private static BadInputCase Submit(string name, string yaml, params string[] expected) =>
        new(name, 2, ["sweep", "submit", "{dir}/s.yaml", "--db", "{db}"], new Dictionary<string, string> { ["s.yaml"] = yaml }, expected);

    private static BadInputCase Edit(string name, string from, string to, params string[] expected) =>
        Submit(name, Sweep.Replace(from, to, StringComparison.Ordinal), expected);

    /// <summary>A sample data file the runner writes damaged: <c>@truncate</c> (its first 5,000 bytes) or <c>@flip</c> (its last bit flipped).</summary>
    public const string Truncated = "@truncate";

    public const string Flipped = "@flip";

    private static BadInputCase Data(string name, string? damage, bool verify, params string[] expected) =>
        new(name, 3, ["data", "check", "sklearn-digits", "--data-root", "{dir}/data", .. verify ? new[] { "--verify" } : []],
            damage is null ? new Dictionary<string, string> { ["data/digits/README"] = "" } : new Dictionary<string, string> { ["data/digits/digits.csv.gz"] = damage },
            expected);

    public static IEnumerable<BadInputCase> All()
    {
        // Malformed YAML and the file's shape.
        yield return Submit("malformed flow list", "name: t\ngrid: [unclosed\n",
            "s.yaml:3:1: not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'.");
        yield return Submit("empty file", "", "s.yaml: the sweep file is empty; it needs at least `name` and `methods`");
        yield return Submit("a list, not a mapping", "- a\n- b\n", "s.yaml:1:1: a sweep file must be a mapping of keys (name, grid, methods, ...), got a list");
        yield return Submit("duplicate key", Sweep + "name: again\n", "s.yaml:11:1: duplicate key `name` (first given at line 1)");
        yield return Submit("missing methods", Sweep[..Sweep.IndexOf("methods:", StringComparison.Ordinal)],
            "s.yaml:1:1: missing required key `methods`: the methods to run: a list (`[lp, ft, lp_ft, daft]`) or a mapping of method → its keys");
        // Unknown keys, with a "did you mean".
        yield return Edit("misspelt top-level key", "grid:", "gird:", $"s.yaml:5:1: unknown key `gird` (did you mean `grid`?); {AllowedTop}");
        yield return Submit("job key at the top", Sweep + "epochs: 3\n",
            $"s.yaml:11:1: `epochs` is a job key: give it under `defaults:` (one value for every job) or `grid:` (a list of values); {AllowedTop}");
        yield return Edit("unknown method key", "{lr: 0.01}", "{lr: 0.01, momentun: 0.9}", "s.yaml:10:18: unknown key `momentun`; allowed keys for method ft: lr, bn_mode");
        yield return Edit("job key under a method", "{lr: 0.01}", "{lr: 0.01, batch_size: 64}",
            "s.yaml:10:18: `batch_size` is a job key: set it in `defaults:` or `grid:`, or for ft only in an override with `when: {method: ft}`; allowed keys for method ft: lr, bn_mode");
        // Unknown names.
        yield return Edit("unknown dataset", "[digits]", "[digitz]", "s.yaml:6:13: unknown dataset `digitz` (did you mean `digits`?); built-in datasets: cifar10,");
        yield return Edit("unknown backbone", "[small_cnn]", "[small_cnm]",
            "s.yaml:7:14: unknown backbone `small_cnm` (did you mean `small_cnn`?); allowed: resnet18, resnet18_cifar, resnet50, clip_rn50, small_cnn");
        yield return Edit("unknown method", "  ft: {lr", "  fft: {lr", "s.yaml:10:3: unknown method `fft` (did you mean `ft`?); methods: lp, ft, lp_ft, daft, dann");
        yield return Edit("unknown device kind", "device: cpu", "device: tpu", "s.yaml:2:9: unknown device kind `tpu`; allowed: cpu, cuda");
        // Empty grids and absurd or wrong-typed values.
        yield return Edit("empty grid list", "[digits]", "[]", "s.yaml:6:12: `dataset` has an empty list: give at least one value");
        yield return Edit("negative learning rate", "lr: 0.01", "lr: -0.01", "s.yaml:10:12: `lr` must be greater than 0, got -0.01");
        yield return Edit("learning rate not a number", "lr: 0.01", "lr: fast", "s.yaml:10:12: `lr` must be a number, got `fast`");
        yield return Edit("zero epochs", "epochs: 1", "epochs: 0", "s.yaml:4:11: `epochs` must be at least 1, got 0");
        yield return Edit("epochs not an integer", "epochs: 1", "epochs: many", "s.yaml:4:11: `epochs` must be an integer, got `many`");
        yield return Edit("run_num zero", "run_num: [1]", "run_num: [0]", "s.yaml:8:13: `run_num` must be at least 1, got 0");
        yield return Submit("max_attempts zero", Sweep + "max_attempts: 0\n", "s.yaml:11:15: `max_attempts` must be at least 1, got 0");
        yield return Submit("priority not an integer", Sweep + "priority: high\n", "s.yaml:11:11: `priority` must be an integer, got `high`");
        // Files that are not there or not files.
        yield return Edit("dataset file missing", "[digits]", "[{dir}/nowhere.yaml]", "s.yaml:6:13: dataset file {dir}/nowhere.yaml: cannot read the dataset file: no such file");
        yield return new("sweep file missing", 2, ["sweep", "submit", "{dir}/nope.yaml", "--db", "{db}"], new Dictionary<string, string>(),
            "{dir}/nope.yaml: cannot read the sweep file: no such file");
        yield return new("sweep file is a directory", 2, ["sweep", "submit", "{dir}", "--db", "{db}"], new Dictionary<string, string>(),
            "{dir}: cannot read the sweep file: it is a directory: give the YAML file in it");
        yield return new("job file with an unknown key", 2, ["job", "validate", "{dir}/j.yaml"],
            new Dictionary<string, string> { ["j.yaml"] = "dataset: digits\nbackbone: small_cnn\nmethod: {name: ft, lr: 0.01}\nepoch: 2\n" },
            "{dir}/j.yaml:4:1: unknown key `epoch` (did you mean `epochs`?)");
        // Missing and corrupt dataset files: the data check names the file, what is wrong and the command that fixes it.
        yield return Data("dataset file absent", null, verify: false,
            "sklearn-digits: INCOMPLETE under '{dir}/data'", "missing '{dir}/data/digits/digits.csv.gz'", "fix: daft data fetch sklearn-digits");
        yield return Data("dataset file truncated", Truncated, verify: false,
            "'{dir}/data/digits/digits.csv.gz' has 5,000 bytes, expected 57,512 (truncated or another file)", "fix: daft data fetch sklearn-digits");
        yield return Data("dataset file with a bad checksum", Flipped, verify: true,
            "expected 46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a (damaged or another version)", "fix: daft data fetch sklearn-digits");
        yield return new("unknown dataset to fetch", 2, ["data", "fetch", "imagenet22k", "--data-root", "{dir}/data"], new Dictionary<string, string>(),
            "data fetch: unknown dataset or source 'imagenet22k'. Datasets: cifar10,");
        // Invalid command lines: System.CommandLine's own errors (exit 1), and values the verbs refuse.
        yield return new("misspelt option", 1, ["sweep", "submit", "{dir}/s.yaml", "--dbb", "{db}"], new Dictionary<string, string> { ["s.yaml"] = Sweep },
            "'--dbb' was not matched. Did you mean one of the following?\n--db", "Unrecognized command or argument '--dbb'.");
        yield return new("unknown verb", 1, ["frobnicate"], new Dictionary<string, string>(), "Unrecognized command or argument 'frobnicate'.");
        yield return new("option value of the wrong type", 1, ["run", "{dir}/s.yaml", "--nodes", "two"], new Dictionary<string, string> { ["s.yaml"] = Sweep },
            "Cannot parse argument 'two' for option '--nodes' as expected type 'System.Int32'.");
        yield return new("--db naming no database", 2, ["sweep", "submit", "{dir}/s.yaml", "--db", "{dir}/ledger.txt"], new Dictionary<string, string> { ["s.yaml"] = Sweep },
            "daft: '{dir}/ledger.txt' names no ledger database. Use one of: sqlite:PATH", "(run again with --verbose for the stack trace)");
        yield return new("database unreachable", 5, ["sweep", "submit", "{dir}/s.yaml", "--db", "postgres://daft:pw-never-shown@127.0.0.1:1/daft"],
            new Dictionary<string, string> { ["s.yaml"] = Sweep }, "daft: Failed to connect to 127.0.0.1:1 (is the database or coordinator up?)");
        yield return new("coordinator API unreachable", 5, ["sweep", "submit", "{dir}/s.yaml", "--api", "http://127.0.0.1:1"],
            new Dictionary<string, string> { ["s.yaml"] = Sweep }, "sweep submit: cannot reach the coordinator at http://127.0.0.1:1/: Connection refused");
    }
}
