using System.Diagnostics;
using Serilog;

namespace Daft.Coordinator.Farm.Local;

/// <summary>
/// The <c>daft-node</c> processes of local mode, started on 127.0.0.1 against the in-process coordinator and kept
/// running: one that exits while the run goes on is started again (it rejoins; its job, if any, went back to the queue
/// when its lease ended). Each node's output (its log, and whatever else it prints, such as a crash's stack) goes to
/// <c>&lt;home&gt;/logs/node-N.log</c>; their starts and exits are logged to the coordinator's log (<c>log</c>), and
/// restarts also told to the user (<c>say</c>). Disposing stops them with SIGTERM (they drain and leave the cluster),
/// then kills what is left.
/// </summary>
public sealed class LocalNodes : IAsyncDisposable
{
    private readonly NodeLaunch launch;
    private readonly Process?[] processes;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task supervisor;
    private readonly Action<string> say;
    private readonly ILogger log;
    private readonly DateTime[] startedAt;
    private readonly int[] quickExits;
    private readonly TaskCompletionSource<string> failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalNodes(NodeLaunch launch, ILogger log, Action<string> say)
    {
        this.launch = launch;
        this.log = log;
        this.say = say;
        processes = new Process?[launch.Count];
        startedAt = new DateTime[launch.Count];
        quickExits = new int[launch.Count];
        Directory.CreateDirectory(Path.Combine(launch.Home, "logs"));
        for (var index = 0; index < launch.Count; index++)
        {
            processes[index] = Start(index);
        }

        supervisor = Task.Run(SuperviseAsync);
    }

    /// <summary>How many node processes were started in all (restarts included).</summary>
    public int Starts { get; private set; }

    /// <summary>The running node processes' ids (for tests that kill one).</summary>
    public IReadOnlyList<int> ProcessIds => [.. processes.Where(process => process is { HasExited: false }).Select(process => process!.Id)];

    /// <summary>Completes with a message when a node keeps exiting right after it starts (a broken build or bad arguments): no point in waiting.</summary>
    public Task<string> Failed => failed.Task;

    public static LocalNodes Start(NodeLaunch launch, ILogger log, Action<string> say) => new(launch, log, say);

    private string LogOf(int index) => Path.Combine(launch.Home, "logs", $"node-{index + 1}.log");

    private Process Start(int index)
    {
        var (fileName, prefix) = NodeExecutable.Find();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(launch.Arguments(index)))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        Starts++;
        startedAt[index] = DateTime.UtcNow;
        var node = index + 1;
        log.Information("node {NodeIndex} started (pid {Pid}), its log in {NodeLog}: {Command}", node, process.Id, LogOf(index),
            $"{fileName} {string.Join(' ', start.ArgumentList)}");
        var output = new StreamWriter(LogOf(index), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Write(output, line.Data);
        process.ErrorDataReceived += (_, line) => Write(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => log.Information("node {NodeIndex} (pid {Pid}) exited with code {ExitCode}", node, process.Id, SafeExitCode(process));
        process.EnableRaisingEvents = true;
        return process;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private async Task SuperviseAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            for (var index = 0; index < processes.Length; index++)
            {
                if (processes[index] is { HasExited: true } exited && !stopping.IsCancellationRequested)
                {
                    quickExits[index] = DateTime.UtcNow - startedAt[index] < TimeSpan.FromSeconds(10) ? quickExits[index] + 1 : 0;
                    if (quickExits[index] >= 3)
                    {
                        log.Error("node {NodeIndex} exited right after starting, {Times} times in a row (code {ExitCode}); giving up", index + 1, quickExits[index], SafeExitCode(exited));
                        failed.TrySetResult($"daft-node exited right after starting, {quickExits[index]} times in a row (code {SafeExitCode(exited)}); see {LogOf(index)}");
                        return;
                    }

                    log.Warning("node {NodeIndex} exited (code {ExitCode}); starting it again", index + 1, SafeExitCode(exited));
                    say($"node {index + 1} exited (code {SafeExitCode(exited)}); starting it again");
                    exited.Dispose();
                    processes[index] = Start(index);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await supervisor;
        foreach (var process in processes.OfType<Process>().Where(process => !process.HasExited))
        {
            Posix.Terminate(process.Id);
        }

        using var deadline = new CancellationTokenSource(launch.StopTimeout);
        foreach (var process in processes.OfType<Process>())
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        stopping.Dispose();
    }
}

/// <summary>
/// How local mode starts its nodes: <see cref="Count"/> processes, each serving <see cref="Devices"/> ("cpu:2"),
/// joining <see cref="Seed"/>, with the farm <see cref="Home"/> and the executor, plus any extra arguments.
/// </summary>
public sealed record NodeLaunch(int Count, string Seed, string Devices, string Home, string Executor, TimeSpan StopTimeout, IReadOnlyList<string> Extra)
{
    public IEnumerable<string> Arguments(int index) =>
    [
        "serve", "--seed", Seed, "--host", "127.0.0.1", "--port", "0", "--devices", Devices, "--home", Home,
        "--executor", Executor, "--name", $"local-{index + 1}", .. Extra,
    ];
}
