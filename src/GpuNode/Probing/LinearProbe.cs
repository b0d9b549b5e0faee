using System.Globalization;
using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Probing;

/// <summary>
/// Linear probing as DAFT's <c>lp_log_reg.py</c> does it (daft-spec §1.3): normalise features by one scalar mean and
/// std of the whole train matrix, fit <see cref="LogisticRegression"/>(max_iter 200, warm start) over an increasing
/// C grid, keep the C with the best validation accuracy (first maximum wins), fold the normalisation into the head
/// and pad classes absent from train with zero rows.
/// </summary>
public static class LinearProbe
{
    /// <summary>
    /// Multiply-adds per loss evaluation (N·D·classes) below which one thread is faster: libtorch's thread hand-offs
    /// cost more than such matmuls, and on a busy machine far more (digits: 5.7 s with one thread, 50 s with two).
    /// </summary>
    public const double SmallProblem = 1e7;

    /// <summary>The thread count to fit with: 1 for problems under <see cref="SmallProblem"/>, else <paramref name="current"/>.</summary>
    public static int PreferredThreads(Tensor trainX, Tensor trainY, int current)
    {
        var classes = trainY.dim() == 1 && trainY.NumberOfElements > 0 ? trainY.unique().Item1.NumberOfElements : 1;
        return trainX.NumberOfElements * classes < SmallProblem ? 1 : current;
    }

    /// <summary>Runs the sweep and returns the folded, padded head of the best C.</summary>
    /// <param name="trainX">Train features [N, D] (any real dtype; float32 is normalised in float32 like numpy).</param>
    /// <param name="trainY">Train labels [N], integers ≥ 0.</param>
    /// <param name="valX">Validation features [M, D]: choose C.</param>
    /// <param name="valY">Validation labels [M].</param>
    /// <param name="options">Grid and solver settings; DAFT's defaults when null.</param>
    /// <param name="onPoint">Called after each C is fitted (progress reporting).</param>
    public static ProbeResult Fit(Tensor trainX, Tensor trainY, Tensor valX, Tensor valY, ProbeOptions? options = null,
        Action<ProbePoint>? onPoint = null)
    {
        options ??= new ProbeOptions();
        CheckSplit("train", trainX, trainY);
        CheckSplit("validation", valX, valY);
        if (valX.shape[1] != trainX.shape[1])
            throw new ArgumentException($"Train features have {trainX.shape[1]} dimensions but validation features have {valX.shape[1]}.", nameof(valX));

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (mean, std) = ScalarStatistics(trainX);
        var train = Normalize(trainX, mean, std);
        var val = Normalize(valX, mean, std);

        var model = new LogisticRegression(maxIter: options.MaxIter, tol: options.Tol, warmStart: true);
        var path = new List<ProbePoint>();
        Tensor? bestCoef = null, bestIntercept = null;
        var best = -1;
        foreach (var c in options.Cs())
        {
            model.C = c;
            model.Fit(train, trainY);
            var point = new ProbePoint(c, model.Score(train, trainY), model.Score(val, valY), model.Iterations, model.Objective);
            path.Add(point);
            onPoint?.Invoke(point);
            if (best < 0 || point.ValAccuracy > path[best].ValAccuracy)
            {
                best = path.Count - 1;
                bestCoef = model.Coef();
                bestIntercept = model.Intercept();
            }
        }

        var classes = model.Classes;
        var rows = options.NumClasses ?? (int)classes.Max() + 1;
        if (rows <= classes.Max())
            throw new ArgumentException($"NumClasses is {rows} but the train labels go up to {classes.Max()}.", nameof(options));
        var (weight, bias) = Fold(bestCoef!, bestIntercept!, mean, std);
        if (classes.Length == 2)
        {
            // sklearn's binomial row w scores Classes[1] against Classes[0]; rows (−w/2, w/2) give the same
            // softmax probabilities and arg-max (the LP-FT convention for binary heads).
            weight = cat([weight.mul(-0.5), weight.mul(0.5)]);
            bias = cat([bias.mul(-0.5), bias.mul(0.5)]);
        }
        var index = tensor(classes);
        var paddedWeight = zeros(rows, trainX.shape[1], ScalarType.Float64).index_copy_(0, index, weight);
        var paddedBias = zeros(rows, ScalarType.Float64).index_copy_(0, index, bias);
        return new ProbeResult(
            paddedWeight.to(ScalarType.Float32).MoveToOuterDisposeScope(),
            paddedBias.to(ScalarType.Float32).MoveToOuterDisposeScope(),
            path[best].C,
            path[best].ValAccuracy,
            path,
            mean,
            std);
    }

    /// <summary>Writes the head as safetensors: <c>fc.weight</c>, <c>fc.bias</c>, metadata best_c, best_val_accuracy.</summary>
    public static void SaveHead(ProbeResult result, string path) =>
        SafeTensors.Save(
            path,
            new Dictionary<string, Tensor> { ["fc.weight"] = result.Weight, ["fc.bias"] = result.Bias },
            new Dictionary<string, string>
            {
                ["best_c"] = result.BestC.ToString("R", CultureInfo.InvariantCulture),
                ["best_val_accuracy"] = result.BestValAccuracy.ToString("R", CultureInfo.InvariantCulture),
                ["feature_mean"] = result.FeatureMean.ToString("R", CultureInfo.InvariantCulture),
                ["feature_std"] = result.FeatureStd.ToString("R", CultureInfo.InvariantCulture),
            });

    /// <summary>Reads a head written by <see cref="SaveHead"/>.</summary>
    public static ProbeHead LoadHead(string path)
    {
        var (tensors, metadata) = SafeTensors.LoadWithMetadata(path);
        if (!tensors.TryGetValue("fc.weight", out var weight) || !tensors.TryGetValue("fc.bias", out var bias))
            throw new InvalidDataException($"'{path}' is not a probe head: it needs tensors 'fc.weight' and 'fc.bias', it has {string.Join(", ", tensors.Keys)}.");
        if (weight.dim() != 2 || bias.dim() != 1 || bias.shape[0] != weight.shape[0])
            throw new InvalidDataException($"'{path}': fc.weight must be [K, D] and fc.bias [K]; got [{string.Join(", ", weight.shape)}] and [{string.Join(", ", bias.shape)}].");
        return new ProbeHead(weight, bias, Metadata(path, metadata, "best_c"), Metadata(path, metadata, "best_val_accuracy"));
    }

    static double Metadata(string path, Dictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"'{path}' has no numeric '{key}' in its safetensors metadata.");

    static void CheckSplit(string split, Tensor x, Tensor y)
    {
        if (x.dim() != 2)
            throw new ArgumentException($"The {split} features must be 2-D [samples, features]; got shape [{string.Join(", ", x.shape)}].");
        if (y.dim() != 1 || y.shape[0] != x.shape[0])
            throw new ArgumentException($"The {split} labels must be 1-D with one label per feature row ({x.shape[0]}); got shape [{string.Join(", ", y.shape)}].");
        if (y.is_floating_point() || y.dtype == ScalarType.Bool)
            throw new ArgumentException($"The {split} labels must be integers; got {y.dtype}.");
        if (x.shape[0] == 0)
            throw new ArgumentException($"The {split} split is empty.");
    }

    /// <summary>
    /// np.mean and np.std (population) over every element. numpy keeps float32 features' statistics in float32, so
    /// for float32 input they are rounded to float32 and the normalisation runs in float32, as DAFT's does.
    /// </summary>
    static (double Mean, double Std) ScalarStatistics(Tensor x)
    {
        using var scope = NewDisposeScope();
        var wide = x.to(ScalarType.Float64);
        var mean = wide.mean().item<double>();
        var std = Math.Sqrt(wide.sub(mean).square().mean().item<double>());
        if (std == 0 || !double.IsFinite(std))
            throw new ArgumentException($"The train features have standard deviation {std}; they cannot be normalised.");
        return x.dtype == ScalarType.Float32 ? ((float)mean, (float)std) : (mean, std);
    }

    static Tensor Normalize(Tensor x, double mean, double std) =>
        x.dtype == ScalarType.Float32
            ? x.sub((float)mean).div_((float)std).to(ScalarType.Float64)
            : x.to(ScalarType.Float64).sub_(mean).div_(std);

    /// <summary>W' = W/std, b' = b − W·(mean/std)·1: the same logits on raw features as W, b on normalised ones.</summary>
    internal static (Tensor Weight, Tensor Bias) Fold(Tensor coef, Tensor intercept, double mean, double std) =>
        (coef.div(std), intercept.sub(coef.mv(full(coef.shape[1], mean / std, ScalarType.Float64))));
}
