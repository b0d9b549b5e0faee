using System.Runtime.InteropServices;

namespace Daft.GpuNode.Jobs;

/// <summary>
/// Test-only fault injection for <c>daft-node run-job</c>: the reliability tests need job processes that hang, crash,
/// exit non-zero or run out of memory on cue, and no real job does so deterministically. Read only from
/// <c>$DAFT_FAULT</c>; unset (every production run) it does nothing. The value is a comma list of
/// <c>KIND</c> (every job) or <c>KIND@JOBID</c> (that job only), KIND one of
/// <list type="bullet">
/// <item><c>hang</c>: sleeps forever before the job starts, reporting no progress (the coordinator's
/// <c>--stuck-after</c> must end it);</item>
/// <item><c>segfault</c>: the process dies of SIGSEGV (the default action restored, then raised);</item>
/// <item><c>oom</c>: a real managed out-of-memory: the GC heap is capped at <see cref="OomHeapLimit"/> and filled;</item>
/// <item><c>exit:N</c>: exits with code N without a result.</item>
/// </list>
/// </summary>
public static partial class FaultInjection
{
    public const string Variable = "DAFT_FAULT";

    /// <summary>The heap cap of an injected OOM: small enough to be hit in milliseconds, far above what startup uses.</summary>
    public const long OomHeapLimit = 256L * 1024 * 1024;

    private const int SigSegv = 11;

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "raise")]
    private static partial int Raise(int signal);

    /// <summary>The fault <paramref name="value"/> asks of job <paramref name="jobId"/> (a job-specific entry first), else null.</summary>
    public static string? For(string? value, string jobId)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return entries.Select(entry => entry.Split('@', 2)).Where(parts => parts.Length == 2 && parts[1] == jobId).Select(parts => parts[0]).FirstOrDefault()
            ?? entries.FirstOrDefault(entry => !entry.Contains('@'));
    }

    /// <summary>
    /// Applies the fault <c>$DAFT_FAULT</c> asks of <paramref name="jobId"/>: returns an exit code for <c>exit:N</c>, null
    /// when there is none; hang, segfault and oom do not return.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown kind: a mistyped test must not pass as "no fault".</exception>
    public static int? Apply(string jobId, TextWriter stderr)
    {
        var fault = For(Environment.GetEnvironmentVariable(Variable), jobId);
        if (fault is null)
            return null;
        stderr.WriteLine($"run-job: {Variable}: injecting '{fault}'");
        stderr.Flush();
        switch (fault)
        {
            case "hang":
                Thread.Sleep(Timeout.Infinite);
                return null;
            case "segfault":
                Signal(SigSegv, 0); // SIG_DFL: the runtime's own handler would turn it into an exception first
                Raise(SigSegv);
                return null;
            case "oom":
                AppContext.SetData("GCHeapHardLimit", (ulong)OomHeapLimit);
                GC.RefreshMemoryLimit();
                var hoard = new List<byte[]>();
                while (true)
                {
                    hoard.Add(GC.AllocateUninitializedArray<byte>(16 * 1024 * 1024));
                    hoard[^1][0] = 1;
                }
            case not null when fault.StartsWith("exit:", StringComparison.Ordinal) && int.TryParse(fault[5..], out var code):
                return code;
            default:
                throw new ArgumentException($"{Variable}: unknown fault '{fault}': use hang, segfault, oom or exit:N (optionally @JOBID)");
        }
    }
}
