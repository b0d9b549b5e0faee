namespace Daft.Coordinator.Results.Tables;

/// <summary>What a table's numbers are: accuracy in percent (higher is better) or error, 100 − accuracy (lower is better).</summary>
public enum TableMetric
{
    Accuracy,
    Error,
}

/// <summary>What follows each mean: the sample standard deviation over run_num, the LP-FT repository's 90% interval (1.645·std/√n), or nothing.</summary>
public enum TableSpread
{
    Std,
    Interval90,
    None,
}

/// <summary>
/// Extra columns a table can show in each dataset's group, before its accuracies: <see cref="Runs"/> the replicates
/// that count of all that ran ("3/3"), <see cref="Chosen"/> the hyperparameters the selection rule picked ("lr=0.001").
/// </summary>
public enum TableExtra
{
    Runs,
    Chosen,
}

/// <summary>A row of a table: the method it shows and the label printed for it ("lp_ft" → "LP-FT").</summary>
public sealed record TableRowDefinition(string Method, string Label);

/// <summary>One evaluation set of a dataset column group: its name in results ("id_val", "mnist_m") and its header ("ID", "MNIST-M").</summary>
public sealed record TableSetDefinition(string Set, string Label);

/// <summary>
/// A dataset's group of columns: its label, and the sets it shows in order; <see cref="Sets"/> empty = every set its
/// results hold, ID val first, then the OOD sets by name.
/// </summary>
public sealed record TableColumnDefinition(string Dataset, string Label, IReadOnlyList<TableSetDefinition> Sets);

/// <summary>
/// A paper-style table (configs/tables/README.md): methods as rows, each dataset's ID and OOD accuracies as columns,
/// one table per model. <see cref="Rows"/> / <see cref="Columns"/> empty = every method / dataset in the results, in the
/// papers' order (LP, FT, LP-FT, DAFT, then the others as first seen). Each cell is the hyperparameter setting with the
/// best mean <see cref="SelectBy"/> accuracy over run_num (the LP-FT convention: ID val), shown as mean and
/// <see cref="Spread"/> to <see cref="Decimals"/> places, the best of each column in bold when <see cref="Bold"/>.
/// </summary>
public sealed record TableDefinition(
    string Name,
    string Title,
    IReadOnlyList<TableRowDefinition> Rows,
    IReadOnlyList<TableColumnDefinition> Columns,
    TableMetric Metric,
    string SelectBy,
    TableSpread Spread,
    int Decimals,
    bool Bold,
    IReadOnlyList<TableExtra> Extras)
{
    /// <summary>The labels the DAFT and LP-FT papers print for the methods, in their order; then DANN's (Ganin &amp; Lempitsky's).</summary>
    public static readonly IReadOnlyList<TableRowDefinition> PaperMethods =
    [
        new("lp", "LP"),
        new("ft", "FT"),
        new("lp_ft", "LP-FT"),
        new("daft", "DAFT"),
        new("dann", "DANN"),
    ];

    /// <summary>The header of a set with no label of its own: "ID" for ID val, else its name.</summary>
    public static string SetLabel(string set) => set == ResultAggregator.IdMetric ? "ID" : set;

    /// <summary>The label of a method with no row of its own: the papers' label, else its name.</summary>
    public static string MethodLabel(string method) =>
        PaperMethods.FirstOrDefault(row => row.Method == method)?.Label ?? method;
}
