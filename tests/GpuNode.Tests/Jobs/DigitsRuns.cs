namespace Daft.GpuNode.Tests.Jobs;

/// <summary>
/// The quickstart in miniature, run once per test process and shared by the job, pipeline and CLI tests: a small
/// CNN "pretrained" by FT on digits, then LP, LP-FT (from LP's head, and with an inline probe) and DAFT from its
/// weights on digits_inverted. Each run starts when a test first asks for it. Small on purpose: 2 epochs, 2 threads.
/// </summary>
public static class DigitsRuns
{
    static readonly string Root = CreateRoot();

    /// <summary>FT from random init on digits, 2 epochs, every step logged; its model is everyone's pretrained weights.</summary>
    static readonly Lazy<JobRun> PretrainRun = new(() => Run("pretrain", """
        dataset: digits
        backbone: small_cnn
        method:
          name: ft
          lr: 0.05
        epochs: 2
        threads: 2
        log_every_n_steps: 1
        """));

    static readonly Lazy<JobRun> LpRun = new(() => Run("lp", $"""
        dataset: digits_inverted
        backbone: small_cnn
        weights: {Pretrain.ModelPath}
        method:
          name: lp
        threads: 2
        """));

    static readonly Lazy<JobRun> LpFtFromHeadRun = new(() => Run("lp_ft", $"""
        dataset: digits_inverted
        backbone: small_cnn
        weights: {Pretrain.ModelPath}
        method:
          name: lp_ft
          lr: 0.001
          lp_head: {LpHeadPath}
        epochs: 2
        threads: 2
        """));

    // A 5-point C grid keeps the inline probe quick; the 50-point default is LpRun's.
    static readonly Lazy<JobRun> LpFtInlineRun = new(() => Run("lp_ft_inline", $"""
        dataset: digits_inverted
        backbone: small_cnn
        weights: {Pretrain.ModelPath}
        method:
          name: lp_ft
          lr: 0.001
          c_start: -3
          c_end: 1
          c_num: 5
        epochs: 1
        threads: 2
        """));

    static readonly Lazy<JobRun> DaftRun = new(() => Run("daft", $"""
        dataset: digits_inverted
        backbone: small_cnn
        weights: {Pretrain.ModelPath}
        method:
          name: daft
          lr: 0.01
          head_lr: 0.1
        epochs: 2
        threads: 2
        log_every_n_steps: 1
        """));

    public static JobRun Pretrain => PretrainRun.Value;

    public static JobRun Lp => LpRun.Value;

    public static string LpHeadPath => Path.Combine(Lp.Folder, "head.safetensors");

    public static JobRun LpFtFromHead => LpFtFromHeadRun.Value;

    public static JobRun LpFtInline => LpFtInlineRun.Value;

    public static JobRun Daft => DaftRun.Value;

    /// <summary>A fresh folder for a test's own files, removed with the rest when the test process exits.</summary>
    public static string NewFolder(string prefix) => Directory.CreateDirectory(Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}")).FullName;

    static JobRun Run(string name, string yaml) => JobRun.Execute(yaml, Path.Combine(Root, name));

    static string CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory("daft-job-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open at exit only leaves a temp folder behind.
            }
        };
        return root;
    }
}
