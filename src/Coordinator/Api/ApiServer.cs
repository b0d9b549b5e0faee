using System.Net;
using Daft.Coordinator.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Daft.Coordinator.Api;

/// <summary>
/// The coordinator's HTTP API (DESIGN.md's component diagram): Kestrel on one address, minimal APIs over the ledger
/// (the source of truth: every read answers from it) and the coordinator's actors (<see cref="CoordinatorLink"/>: start
/// and cancel at once, the live devices). Routes: <see cref="SweepEndpoints"/>, <see cref="FarmEndpoints"/>; who may
/// call: <see cref="ApiAccess"/>. Hosted by <c>daft serve</c> and <c>daft run</c> beside their coordinator. Errors are
/// answered as <see cref="ApiError"/> JSON, never as a stack trace.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>The base URL it listens on ("http://127.0.0.1:4080"), with the port it got when asked for 0.</summary>
    public Uri Address { get; }

    /// <summary>Starts the server; it runs until disposed.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public static async Task<ApiServer> StartAsync(ApiSettings settings, IJobLedger ledger, CoordinatorLink coordinator, ApiMetrics metrics,
        CancellationToken cancellation)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(settings.Address, settings.Port);
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!settings.Access.Allows(context.Request.Path.Value ?? "/", context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await HttpResults.Json(new ApiError("missing or wrong bearer token (Authorization: Bearer TOKEN)"), ApiJson.Options,
                    statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception error) when (error is not OperationCanceledException && !context.Response.HasStarted)
            {
                // The message, not the trace: a client learns what failed (e.g. the database is unreachable), not our internals.
                await HttpResults.Json(new ApiError($"{error.GetType().Name}: {error.Message}"), ApiJson.Options,
                    statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
            }
        });
        metrics.RefreshBeforeScrape(ledger, coordinator);
        app.MapMetrics("/metrics", metrics.Registry);
        FarmEndpoints.Map(app, ledger, coordinator);
        SweepEndpoints.Map(app, ledger, coordinator);
        app.MapFallback(() => HttpResults.Json(new ApiError("no such endpoint (see README.md, \"HTTP API\")"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound));
        await app.StartAsync(cancellation);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{Format(settings.Address)}:{settings.Port}";
        return new ApiServer(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private static string Format(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
