namespace Daft.GpuNode.Farm.Execution;

/// <summary>POSIX signals as a killed child reports them: .NET gives a signalled process the exit code 128 + N, as shells do.</summary>
public static class Signals
{
    /// <summary>The signal behind exit code <paramref name="exitCode"/> (129..192), else null.</summary>
    public static int? FromExitCode(int exitCode) => exitCode is > 128 and <= 128 + 64 ? exitCode - 128 : null;

    /// <summary>"SIGSEGV" for 11 (Linux numbering); "SIG42" for one without a name here.</summary>
    public static string Name(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        31 => "SIGSYS",
        _ => $"SIG{signal}",
    };
}
