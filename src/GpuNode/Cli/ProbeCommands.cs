using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Daft.GpuNode.Devices;
using Daft.GpuNode.IO;
using Daft.GpuNode.Probing;
using static TorchSharp.torch;

namespace Daft.GpuNode.Cli;

/// <summary>
/// <c>daft-node probe fit</c>: linear probing on features saved as .npy (see <see cref="LinearProbe"/>). Prints one
/// JSON object to stdout (best C, best validation accuracy, the per-C path); progress and errors go to stderr.
/// </summary>
public static class ProbeCommands
{
    /// <summary>Exit code for bad input (missing or malformed files, mismatched shapes): the one all verbs use.</summary>
    public const int InputError = CliErrors.InputError;

    /// <summary>The <c>probe</c> command with its <c>fit</c> subcommand.</summary>
    public static Command Create()
    {
        var probe = new Command("probe", "Linear probing: multinomial logistic regression on extracted features.");
        probe.Add(CreateFit());
        return probe;
    }

    static Command CreateFit()
    {
        var defaults = new ProbeOptions();
        var train = PairOption("--train", "Train features [N, D] and labels [N] (.npy).");
        var val = PairOption("--val", "Validation features [M, D] and labels [M] (.npy); picks C.");
        var output = new Option<string>("--out") { Description = "Where to write the head (safetensors: fc.weight, fc.bias).", Required = true };
        var cStart = new Option<double>("--c-start") { Description = "log10 of the smallest C.", DefaultValueFactory = _ => defaults.CStart };
        var cEnd = new Option<double>("--c-end") { Description = "log10 of the largest C.", DefaultValueFactory = _ => defaults.CEnd };
        var cNum = new Option<int>("--c-num") { Description = "Number of C values (log-spaced).", DefaultValueFactory = _ => defaults.CNum };
        var maxIter = new Option<int>("--max-iter") { Description = "L-BFGS iterations per C.", DefaultValueFactory = _ => defaults.MaxIter };
        var numClasses = new Option<int?>("--num-classes") { Description = "Head rows; classes missing from train get zero rows (default: max label + 1)." };
        var threads = new Option<int?>("--threads")
        {
            Description = $"CPU threads for libtorch (default: 1 below {LinearProbe.SmallProblem:G2} multiply-adds per loss evaluation, else libtorch's default).",
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
                result.AddError("--threads must be at least 1.");
        });

        var fit = new Command("fit", "Sweep C with warm starts, keep the best on validation, write the folded head.")
        {
            train, val, output, cStart, cEnd, cNum, maxIter, numClasses, threads,
        };
        fit.SetAction(parse =>
        {
            var options = defaults with
            {
                CStart = parse.GetValue(cStart),
                CEnd = parse.GetValue(cEnd),
                CNum = parse.GetValue(cNum),
                MaxIter = parse.GetValue(maxIter),
                NumClasses = parse.GetValue(numClasses),
            };
            return Fit(parse.GetRequiredValue(train), parse.GetRequiredValue(val), parse.GetRequiredValue(output), options,
                parse.GetValue(threads), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return fit;
    }

    static Option<string[]> PairOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
        HelpName = "X.npy Y.npy",
    };

    static int Fit(string[] train, string[] val, string output, ProbeOptions options, int? threads, TextWriter stdout, TextWriter stderr)
    {
        ProbeResult result;
        try
        {
            using var trainX = Npy.Load(train[0]);
            using var trainY = Npy.Load(train[1]);
            using var valX = Npy.Load(val[0]);
            using var valY = Npy.Load(val[1]);
            // Scoped: the command may run in-process (tests, job runner), which must keep its own count.
            using var _ = TorchThreads.Use(threads ?? LinearProbe.PreferredThreads(trainX, trainY, get_num_threads()));
            stderr.WriteLine($"probe: train [{string.Join(", ", trainX.shape)}], val [{string.Join(", ", valX.shape)}], {options.CNum} values of C, threads={get_num_threads()}");
            result = LinearProbe.Fit(trainX, trainY, valX, valY, options, point => stderr.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"probe: C={point.C:G6} train={point.TrainAccuracy:F4} val={point.ValAccuracy:F4} iterations={point.Iterations}")));
        }
        catch (Exception error) when (error is FileNotFoundException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"probe fit: {error.Message}");
            return InputError;
        }
        using (result)
        {
            LinearProbe.SaveHead(result, output);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe: best C={result.BestC:G6} val={result.BestValAccuracy:F4}; head written to {output}"));
            stdout.WriteLine(ToJson(result));
        }
        return 0;
    }

    static string ToJson(ProbeResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("best_c", result.BestC);
            json.WriteNumber("best_val_accuracy", result.BestValAccuracy);
            json.WriteStartArray("path");
            foreach (var point in result.Path)
            {
                json.WriteStartObject();
                json.WriteNumber("c", point.C);
                json.WriteNumber("val_accuracy", point.ValAccuracy);
                json.WriteNumber("train_accuracy", point.TrainAccuracy);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
