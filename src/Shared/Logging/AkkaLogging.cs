using Akka.Hosting;
using Serilog;

namespace Daft.Shared.Logging;

/// <summary>Routes an actor system's log into Serilog (<see cref="SerilogAkkaLogger"/>).</summary>
public static class AkkaLogging
{
    /// <summary>
    /// Akka logs through <paramref name="log"/> alone, at its lowest level (<see cref="LogLevels.MinimumOf"/>). Akka's
    /// console logger, which it falls back to while it starts and stops, is replaced by
    /// <see cref="SerilogFallbackLogger"/> (Serilog's static logger): what a member writes on stdout stays one format
    /// (JSON collectors choke on Akka's own lines), and <c>daft run</c>'s terminal stays clean.
    /// </summary>
    public static AkkaConfigurationBuilder WithSerilog(this AkkaConfigurationBuilder builder, ILogger log)
    {
        var level = LogLevels.ToAkka(LogLevels.MinimumOf(log));
        var fallback = $"{typeof(SerilogFallbackLogger).FullName}, {typeof(SerilogFallbackLogger).Assembly.GetName().Name}";
        return builder
            .AddSetup(new SerilogSetup(log))
            .AddHocon($"akka.stdout-logger-class = \"{fallback}\"\nakka.stdout-loglevel = {level}\nakka.loglevel = {level}", HoconAddMode.Prepend)
            .ConfigureLoggers(setup =>
            {
                setup.LogLevel = Akka.Event.Logging.LogLevelFor(level);
                setup.ClearLoggers();
                setup.AddLogger<SerilogAkkaLogger>();
            });
    }
}
