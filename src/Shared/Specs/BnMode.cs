namespace Daft.Shared.Specs;

/// <summary>
/// How BatchNorm behaves while a method trains: <see cref="Train"/> normalises with batch statistics and updates
/// the running statistics (FT, DAFT); <see cref="Eval"/> keeps the whole network in eval() so the running
/// statistics stay frozen while γ/β still learn (LP-FT's <c>use_val_mode</c>).
/// </summary>
public enum BnMode { Train, Eval }
