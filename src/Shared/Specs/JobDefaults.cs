namespace Daft.Shared.Specs;

/// <summary>The values a job file gets for keys it leaves out (configs/README.md lists them with the keys).</summary>
public static class JobDefaults
{
    /// <summary>SGD epochs; 20 as in the DAFT paper's fine-tuning runs.</summary>
    public const int Epochs = 20;

    /// <summary>Batch size for training, evaluation and BN conversion.</summary>
    public const int BatchSize = 64;

    /// <summary>SGD momentum.</summary>
    public const double Momentum = 0.9;

    /// <summary>SGD weight decay: none, as in the paper.</summary>
    public const double WeightDecay = 0.0;

    /// <summary>SGD Nesterov momentum.</summary>
    public const bool Nesterov = false;

    /// <summary>Train-time augmentation.</summary>
    public const bool Augment = true;

    /// <summary>Replicate index.</summary>
    public const int RunNum = 1;

    /// <summary>Device the job runs on.</summary>
    public const string Device = "cpu";

    /// <summary>Per-step logging off.</summary>
    public const int LogEveryNSteps = 0;

    /// <summary>DAFT's absolute head learning rate.</summary>
    public const double HeadLr = 1.0;

    /// <summary>DAFT runs BN conversion before training.</summary>
    public const bool ConvertBn = true;

    /// <summary>First exponent of LP's C grid: C = logspace(-7, 2, 50) as in LP-FT.</summary>
    public const double CStart = -7;

    /// <summary>Last exponent of LP's C grid.</summary>
    public const double CEnd = 2;

    /// <summary>Number of C values in LP's grid.</summary>
    public const int CNum = 50;

    /// <summary>L-BFGS iterations per C (sklearn's max_iter).</summary>
    public const int MaxIter = 200;

    /// <summary>Step schedule: decay factor (torch's StepLR default).</summary>
    public const double LrGamma = 0.1;

    /// <summary>Plateau schedule: decay factor (torch's ReduceLROnPlateau default).</summary>
    public const double LrFactor = 0.1;

    /// <summary>Plateau schedule: epochs without improvement before a decay (torch's default).</summary>
    public const int LrPatience = 10;

    /// <summary>No warm-up.</summary>
    public const int WarmupEpochs = 0;
}
