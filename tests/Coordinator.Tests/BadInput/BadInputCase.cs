namespace Daft.Coordinator.Tests.BadInput;

/// <summary>
/// One bad input and what the user must see: <paramref name="Args"/> run as <c>daft ARGS</c> in a fresh folder holding
/// <paramref name="Files"/>, with <c>{dir}</c> in an argument or a file replaced by that folder and <c>{db}</c> by the
/// case's SQLite ledger (it already holds a sweep). <paramref name="Expected"/>: text the output (stdout and stderr)
/// must contain, the first the exact <c>file:line:col: message</c> line where there is one.
/// </summary>
public sealed record BadInputCase(string Name, int ExitCode, string[] Args, IReadOnlyDictionary<string, string> Files, params string[] Expected)
{
    public override string ToString() => Name;
}
