using System.Runtime.InteropServices;

namespace Daft.Coordinator.Farm.Local;

/// <summary>Signals .NET has no managed call for: SIGTERM, the polite stop Kubernetes also sends.</summary>
internal static partial class Posix
{
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends SIGTERM; false when the process is gone.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;
}
