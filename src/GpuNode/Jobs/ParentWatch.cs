using System.Runtime.InteropServices;

namespace Daft.GpuNode.Jobs;

/// <summary>
/// Ends a farm job's process when the node that started it dies. A node killed with SIGKILL (an OOM kill, a crashed
/// host process) cannot stop its children, and an orphaned job would go on writing into the job folder while the
/// farm runs the job again elsewhere. The child notices it has been re-parented (its parent pid changed) within half a
/// second and exits. Linux only (elsewhere it does nothing).
/// </summary>
public static partial class ParentWatch
{
    /// <summary>Exit code of a job stopped because its node went away.</summary>
    public const int OrphanedExitCode = 137;

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentProcessId();

    public static void Start(TextWriter stderr)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var parent = GetParentProcessId();
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(500);
                if (GetParentProcessId() == parent)
                    continue;
                stderr.WriteLine($"run-job: the node process {parent} that started this job is gone; stopping");
                stderr.Flush();
                Environment.Exit(OrphanedExitCode);
            }
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }
}
