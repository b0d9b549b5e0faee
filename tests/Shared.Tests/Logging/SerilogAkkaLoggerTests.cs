using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Daft.Shared.Logging;
using Daft.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace Daft.Shared.Tests.Logging;

/// <summary>The Akka → Serilog bridge: what an actor logs arrives in Serilog with its source, path, values and exception.</summary>
public sealed class SerilogAkkaLoggerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            var log = Context.GetLogger();
            Receive<string>(_ =>
            {
                log.Warning("device {Device}: job {JobId} lost its lease", "cpu:0", "0123456789abcdef");
                log.Error(new InvalidOperationException("the ledger is gone"), "ledger write of {0} changes failed", 3);
            });
        }
    }

    private static ActorSystem System(ILogger log, string level = "DEBUG")
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.loggers = ["{{typeof(SerilogAkkaLogger).FullName}}, {{typeof(SerilogAkkaLogger).Assembly.GetName().Name}}"]
            akka.loglevel = {{level}}
            akka.stdout-loglevel = OFF
            """);
        return ActorSystem.Create("bridge", BootstrapSetup.Create().WithConfig(config).And(new SerilogSetup(log)));
    }

    [Fact]
    public async Task An_actors_warning_arrives_with_its_source_path_class_and_named_values()
    {
        var sink = new MemorySink();
        using var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        using var system = System(log);

        system.ActorOf(Props.Create(() => new Talker()), "talker").Tell("go");

        var warning = await sink.WaitFor(e => e.Level == LogEventLevel.Warning, Wait);
        Assert.Equal("device \"cpu:0\": job \"0123456789abcdef\" lost its lease", warning.RenderMessage());
        Assert.Equal("device {Device}: job {JobId} lost its lease", warning.MessageTemplate.Text);
        Assert.Equal("0123456789abcdef", warning.Scalar("JobId"));
        Assert.Equal("cpu:0", warning.Scalar("Device"));
        Assert.Equal("akka://bridge/user/talker", warning.Scalar("LogSource"));
        Assert.Equal("akka://bridge/user/talker", warning.Scalar("ActorPath"));
        Assert.Equal(typeof(Talker).FullName, warning.Scalar("SourceContext"));
        Assert.Null(warning.Exception);
        await system.Terminate();
    }

    [Fact]
    public async Task An_error_keeps_its_exception_and_positional_values()
    {
        var sink = new MemorySink();
        using var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        using var system = System(log);

        system.ActorOf(Props.Create(() => new Talker()), "talker").Tell("go");

        var error = await sink.WaitFor(e => e.Level == LogEventLevel.Error, Wait);
        Assert.Equal("ledger write of 3 changes failed", error.RenderMessage());
        Assert.Equal(3, error.Scalar("0"));
        var exception = Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Equal("the ledger is gone", exception.Message);
        Assert.Equal("akka://bridge/user/talker", error.Scalar("ActorPath"));
    }

    [Fact]
    public async Task A_system_log_line_has_its_source_and_no_actor_path()
    {
        var sink = new MemorySink();
        using var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        using var system = System(log);

        system.Log.Info("plain {Count} lines", 2);

        var info = await sink.WaitFor(e => e.MessageTemplate.Text == "plain {Count} lines", Wait);
        Assert.Equal(LogEventLevel.Information, info.Level);
        Assert.Equal("ActorSystem(bridge)", info.Scalar("LogSource"));
        Assert.False(info.Properties.ContainsKey("ActorPath"));
        Assert.Equal("plain 2 lines", info.RenderMessage());
    }

    [Fact]
    public async Task Through_the_hosting_setup_Akka_logs_at_the_loggers_level_into_that_logger_alone()
    {
        var sink = new MemorySink();
        using var log = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(sink).CreateLogger();
        var builder = Host.CreateApplicationBuilder([]);
        builder.Services.AddAkka("hosted", akka => akka.WithSerilog(log));
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.Equal(Akka.Event.LogLevel.InfoLevel, system.EventStream.LogLevel);
        Assert.IsType<SerilogFallbackLogger>(system.Settings.StdoutLogger);
        system.Log.Debug("not published: {Reason}", "below the logger's level");
        system.Log.Info("published");

        await sink.WaitFor(e => e.MessageTemplate.Text == "published", Wait);
        Assert.DoesNotContain(sink.Events, e => e.Level < LogEventLevel.Information);
        await host.StopAsync();
    }
}
