using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Daft.Shared.Results;

/// <summary>Accuracy (a fraction in [0, 1]) and mean cross-entropy of one evaluation set.</summary>
public sealed record SetMetrics(string Name, double Accuracy, double Loss, int Count);

/// <summary>
/// One epoch (1-based): the learning rate of each parameter group (feature extractor, head) during it, the
/// training loss (sample mean) and accuracy, every evaluation set measured after it (ID val first), and the
/// seconds of training plus evaluation since the first epoch began.
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    ImmutableArray<double> LearningRates,
    double TrainLoss,
    double TrainAccuracy,
    ImmutableArray<SetMetrics> Eval,
    double Seconds)
{
    /// <summary>Domain adaptation's own figures of the epoch (dann only; left out of result.json otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdaptationMetrics? Adaptation { get; init; }
}

/// <summary>
/// DANN's epoch, besides the label loss and accuracy on the source: the gradient-reversal weight λ at the epoch's last
/// step, the domain classifier's mean cross-entropy and accuracy on source and on target images (near 0.5 when the
/// features no longer tell the domains apart), and how many unlabelled target images it saw.
/// </summary>
public sealed record AdaptationMetrics(
    double Lambda,
    double SourceDomainLoss,
    double TargetDomainLoss,
    double SourceDomainAccuracy,
    double TargetDomainAccuracy,
    long TargetSamples);

/// <summary>One optimiser step, recorded when the job asks for <c>log_every_n_steps</c>.</summary>
public sealed record StepRecord(int Epoch, int Step, ImmutableArray<double> LearningRates, double Loss);

/// <summary>Wall-clock figures of a job, in seconds, and training throughput.</summary>
public sealed record Timings(double Total, double Setup, double BnConversion, double LinearProbe, double Train, double Eval, double TrainImagesPerSecond);

/// <summary>Versions and machine facts a result was produced with, so a number can be traced.</summary>
public sealed record RunEnvironment(string Daft, string TorchSharp, string LibTorch, string DotNet, string Device, int Threads, string Machine);

/// <summary>Linear-probe outcome: the chosen C and the accuracy path over the C grid.</summary>
public sealed record ProbeSummary(double BestC, double BestValAccuracy, ImmutableArray<ProbePathPoint> Path);

/// <summary>One point of the LP C sweep.</summary>
public sealed record ProbePathPoint(double C, double TrainAccuracy, double ValAccuracy);

/// <summary>
/// What one job produced: the chosen epoch (best ID-val accuracy, first strict maximum) and its metrics, every
/// epoch, optional per-step records (<c>log_every_n_steps</c>), the LP summary where LP ran, feature distortion and timings.
/// This is <c>result.json</c>.
/// </summary>
public sealed record RunResult(
    string JobId,
    string Method,
    string Dataset,
    string Backbone,
    int RunNum,
    long Seed,
    string Status,
    string? Error,
    int ChosenEpoch,
    ImmutableArray<SetMetrics> Final,
    ImmutableArray<EpochMetrics> Epochs,
    ImmutableArray<StepRecord> Steps,
    ProbeSummary? Probe,
    JsonElement? Distortion,
    Timings Timings,
    RunEnvironment Environment,
    JsonElement Spec)
{
    /// <summary>JSON options used for result files: snake_case names, indented, no nulls dropped.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The result of a job that failed before it could finish: the reason, no metrics.</summary>
    public static RunResult Failed(string jobId, string method, string dataset, string backbone, int runNum, long seed,
        string reason, double seconds, RunEnvironment environment, JsonElement spec) =>
        new(jobId, method, dataset, backbone, runNum, seed, "failed", reason, 0, [], [], [], null, null,
            new Timings(seconds, 0, 0, 0, 0, 0, 0), environment, spec);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static RunResult FromJson(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, JsonOptions) ?? throw new JsonException("empty result");
}
