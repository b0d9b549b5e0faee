using System.CommandLine;
using System.Text.Json;
using Daft.GpuNode.Cli;
using Daft.GpuNode.IO;
using Daft.GpuNode.Probing;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Probing;

[Collection(nameof(ThreadCountChanges))] // the command sets libtorch's process-wide thread count while it fits
public sealed class ProbeCommandsTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("probe-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    string PathFor(string name) => Path.Combine(_folder, name);

    /// <summary>Runs <c>daft-node probe …</c> in-process; returns the exit code and what went to stdout and stderr.</summary>
    static (int Code, string Out, string Error) Run(params string[] args)
    {
        var root = new RootCommand { ProbeCommands.Create() };
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    void WriteSplit(string name, int perClass, long seed)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var labels = arange(3, dtype: ScalarType.Int64).repeat_interleave(perClass);
        var x = labels.unsqueeze(1).to(ScalarType.Float32).mul(2).add(randn([labels.shape[0], 6], generator: generator));
        Npy.Save(PathFor($"{name}_x.npy"), x);
        Npy.Save(PathFor($"{name}_y.npy"), labels.to(ScalarType.Int32));
    }

    [Fact]
    public void Fit_prints_one_json_object_and_writes_the_head()
    {
        WriteSplit("train", 15, 1);
        WriteSplit("val", 8, 2);

        var (code, stdout, stderr) = Run("probe", "fit", "--train", PathFor("train_x.npy"), PathFor("train_y.npy"),
            "--val", PathFor("val_x.npy"), PathFor("val_y.npy"), "--out", PathFor("head.safetensors"),
            "--c-start", "-3", "--c-end", "1", "--c-num", "5", "--max-iter", "50", "--num-classes", "4");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["best_c", "best_val_accuracy", "path"], root.EnumerateObject().Select(p => p.Name));
        var path = root.GetProperty("path").EnumerateArray().ToList();
        Assert.Equal(5, path.Count);
        Assert.All(path, p => Assert.Equal(["c", "val_accuracy", "train_accuracy"], p.EnumerateObject().Select(q => q.Name)));
        Assert.Equal(1e-3, path[0].GetProperty("c").GetDouble(), 1e-15);
        Assert.Contains(path, p => p.GetProperty("c").GetDouble() == root.GetProperty("best_c").GetDouble());
        Assert.Contains("C=", stderr); // progress goes to stderr, never into the JSON
        Assert.Contains("threads=1", stderr); // a small problem runs on one thread…
        Assert.Equal(2, get_num_threads()); // …and the process gets its thread count back
        using var head = LinearProbe.LoadHead(PathFor("head.safetensors"));
        Assert.Equal([4L, 6L], head.Weight.shape);
        Assert.Equal(root.GetProperty("best_val_accuracy").GetDouble(), head.BestValAccuracy);
    }

    [Fact]
    public void A_missing_file_exits_2_and_names_it()
    {
        WriteSplit("train", 5, 1);

        var (code, stdout, stderr) = Run("probe", "fit", "--train", PathFor("train_x.npy"), PathFor("train_y.npy"),
            "--val", PathFor("nowhere_x.npy"), PathFor("val_y.npy"), "--out", PathFor("head.safetensors"));

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("nowhere_x.npy", stderr);
        Assert.False(File.Exists(PathFor("head.safetensors")));
    }

    [Fact]
    public void Features_and_labels_of_different_lengths_exit_2()
    {
        WriteSplit("train", 5, 1);
        WriteSplit("val", 4, 2);

        var (code, _, stderr) = Run("probe", "fit", "--train", PathFor("train_x.npy"), PathFor("val_y.npy"),
            "--val", PathFor("val_x.npy"), PathFor("val_y.npy"), "--out", PathFor("head.safetensors"));

        Assert.Equal(2, code);
        Assert.Contains("one label per feature row (15)", stderr);
    }

    [Fact]
    public void One_dimensional_features_exit_2()
    {
        WriteSplit("val", 4, 2);
        Npy.Save(PathFor("flat_x.npy"), zeros(12, ScalarType.Float32));

        var (code, _, stderr) = Run("probe", "fit", "--train", PathFor("flat_x.npy"), PathFor("val_y.npy"),
            "--val", PathFor("val_x.npy"), PathFor("val_y.npy"), "--out", PathFor("head.safetensors"));

        Assert.Equal(2, code);
        Assert.Contains("must be 2-D", stderr);
    }
}
