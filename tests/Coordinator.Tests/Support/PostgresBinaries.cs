using System.Diagnostics;

namespace Daft.Coordinator.Tests.Support;

/// <summary>
/// Finds PostgreSQL's server binaries and runs them, as another user when the tests run as root. Debian's package puts
/// them in /usr/lib/postgresql/VERSION/bin, which is not on PATH; other systems put them on PATH.
/// </summary>
internal static class PostgresBinaries
{
    private static readonly string[] Tools = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The folder holding initdb, pg_ctl and postgres: $DAFT_TEST_PG_BIN, then PATH, then the newest Debian version; or null.</summary>
    public static string? Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(PostgresServer.BinVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var version) ? version : 0)
                .Select(folder => Path.Combine(folder, "bin")));
        }

        return candidates.FirstOrDefault(folder => Tools.All(tool => File.Exists(Path.Combine(folder, tool))));
    }

    /// <summary>The user a root test run starts the server as: <c>postgres</c> when it exists, else <c>nobody</c>.</summary>
    public static string UnprivilegedUser()
    {
        var users = File.Exists("/etc/passwd")
            ? File.ReadLines("/etc/passwd").Select(line => line.Split(':')[0]).ToHashSet(StringComparer.Ordinal)
            : [];
        return users.Contains("postgres") ? "postgres" : "nobody";
    }

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="folder"/> (as <paramref name="runAs"/> when given) and waits for
    /// it; a non-zero exit throws with its output.
    /// </summary>
    public static void Run(string folder, string? runAs, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        if (runAs is null)
        {
            start.FileName = program;
        }
        else if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser"))
        {
            start.FileName = File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            // su runs a shell command; handing the program and its arguments over as $0 and $@ avoids any quoting,
            // and "--" keeps su from reading the program's options as its own.
            start.FileName = "su";
            foreach (var argument in new[] { "-s", "/bin/sh", "-c", "exec \"$0\" \"$@\"", "--", runAs, program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // initdb checks the environment's locale even with --locale; C exists everywhere.
        start.Environment["LC_ALL"] = "C";
        start.Environment.Remove("PGDATA");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}" + (runAs is null ? "" : $" (as {runAs})") +
                $":\n{output.Result}{error.Result}");
        }
    }
}
