namespace Daft.Shared.Specs;

/// <summary>BatchNorm behaviour while training (<c>bn_mode</c> in a job file: <c>train</c> or <c>eval</c>).</summary>
public enum BnMode
{
    /// <summary>Whole net in train() mode: BN normalises with batch statistics and updates its running stats.</summary>
    Train,

    /// <summary>Whole net in eval() mode while training (LP-FT's <c>use_net_val_mode</c>): running stats are used and frozen.</summary>
    Eval,
}
