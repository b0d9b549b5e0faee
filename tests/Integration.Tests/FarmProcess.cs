using System.Diagnostics;
using System.Text;
using Daft.Coordinator.Farm.Local;

namespace Daft.Integration.Tests;

/// <summary>A daft or daft-node process started by a test, its output kept for failure messages, killed on dispose.</summary>
internal sealed class FarmProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private FarmProcess(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null,
        bool onlyGivenDaftVariables = false)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (onlyGivenDaftVariables)
        {
            // Only the given farm settings: none of the test machine's own DAFT_* variables may stand in for one.
            foreach (var inherited in start.Environment.Keys.Where(name => name.StartsWith("DAFT_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(inherited);
            }
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary><c>daft-node ARGS</c>, the build next to this checkout's.</summary>
    public static FarmProcess Node(params string[] arguments)
    {
        var (fileName, prefix) = NodeExecutable.Find();
        return new FarmProcess(fileName, prefix.Concat(arguments));
    }

    /// <summary><c>daft-node ARGS</c> with <paramref name="environment"/> added to this process's (e.g. <c>DAFT_FAULT</c>).</summary>
    public static FarmProcess NodeWith(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (fileName, prefix) = NodeExecutable.Find();
        return new FarmProcess(fileName, prefix.Concat(arguments), environment);
    }

    /// <summary><c>daft ARGS</c>: the coordinator's build (this test's own output folder holds it).</summary>
    public static FarmProcess Daft(params string[] arguments) => DaftWith(new Dictionary<string, string>(), arguments);

    /// <summary><c>daft ARGS</c> with <paramref name="environment"/> added (e.g. an API token).</summary>
    public static FarmProcess DaftWith(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "daft.dll");
        return new FarmProcess("dotnet", [dll, .. arguments], environment);
    }

    /// <summary>
    /// <c>FILE ARGS</c> with exactly the DAFT_* variables of <paramref name="environment"/> (as a container gets only its
    /// pod spec's), started in <paramref name="workingDirectory"/>.
    /// </summary>
    public static FarmProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory) =>
        new(fileName, arguments, environment, workingDirectory, onlyGivenDaftVariables: true);

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>SIGTERM, as the kubelet sends a container it stops.</summary>
    public void Terminate() =>
        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>
    /// Waits for the process to exit and for its output to be read to the end (<see cref="HasExited"/> turns true
    /// before the last lines have arrived); false when it is still running after <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash or an OOM kill.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
