using Spectre.Console;

namespace Daft.Coordinator.Cli;

/// <summary>
/// A Spectre.Console console over a command's output writer: colours and bold when it is the process's terminal, plain
/// text otherwise (a pipe, a file, a test's StringWriter), then wide enough that tables never wrap.
/// </summary>
internal static class CliConsole
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}
