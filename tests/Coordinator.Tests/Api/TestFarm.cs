using Akka.Actor;
using Akka.Cluster;
using Daft.Coordinator.Api;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Farm.Hosting;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;
using Daft.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Daft.Coordinator.Tests.Api;

/// <summary>
/// A coordinator on a free loopback port over a SQLite ledger in a temp folder, and its HTTP API on another free port:
/// what <c>daft serve</c> runs, in-process, without nodes (the integration tests add real ones).
/// </summary>
public sealed class TestFarm : IAsyncDisposable
{
    private readonly TempFolder temp;
    private readonly IHost coordinator;

    private TestFarm(TempFolder temp, SqliteLedger ledger, IHost coordinator, ApiServer api)
    {
        this.temp = temp;
        this.coordinator = coordinator;
        Ledger = ledger;
        Api = api;
    }

    public SqliteLedger Ledger { get; }

    public ApiServer Api { get; }

    public string Home => temp.Path;

    public string Database => Path.Combine(temp.Path, "daft.db");

    public string Url => Api.Address.ToString();

    internal TempFolder Temp => temp;

    public static async Task<TestFarm> StartAsync(string? token = null, string apiHost = "127.0.0.1")
    {
        var temp = new TempFolder();
        var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var port = LocalFarm.FreePort();
        var endpoint = new FarmEndpoint("127.0.0.1", port, null, [$"127.0.0.1:{port}"], TimeSpan.FromSeconds(2));
        // As daft serve does: the dispatcher writes through the ledger that times its writes for /metrics.
        var metrics = new ApiMetrics();
        var measured = new MeasuredLedger(ledger, metrics.LedgerWrites);
        var host = CoordinatorHost.Build(endpoint, measured, DispatchSettings.Default, Serilog.Core.Logger.None);
        await host.StartAsync();
        var cluster = Cluster.Get(host.Services.GetRequiredService<ActorSystem>());
        for (var waited = 0; cluster.SelfMember.Status != MemberStatus.Up; waited += 50)
        {
            Assert.True(waited < 30_000, $"the test coordinator is {cluster.SelfMember.Status} after 30 s");
            await Task.Delay(50);
        }

        var api = await ApiServer.StartAsync(ApiSettings.Resolve(apiHost, 0, token), measured, CoordinatorLink.Of(host.Services), metrics,
            CancellationToken.None);
        return new TestFarm(temp, ledger, host, api);
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Api.Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await coordinator.StopAsync();
        coordinator.Dispose();
        Ledger.Dispose();
        temp.Dispose();
    }
}
