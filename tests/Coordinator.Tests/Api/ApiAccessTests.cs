using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Daft.Coordinator.Api;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Tests.Cli;
using Daft.Coordinator.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Api;

/// <summary>Who may call the HTTP API: the rule itself, then real servers on loopback and on this machine's own address.</summary>
public sealed class ApiAccessTests
{
    private const string Token = "s3cret-token";

    [Fact]
    public void On_loopback_no_token_is_needed_and_anywhere_else_a_missing_token_refuses_to_start()
    {
        Assert.False(ApiAccess.For(IPAddress.Loopback, null).RequiresToken);
        Assert.False(ApiAccess.For(IPAddress.IPv6Loopback, "  ").RequiresToken);
        Assert.True(ApiAccess.For(IPAddress.Loopback, null).Allows("/api/sweeps", null));

        var refused = Assert.Throws<ApiConfigurationException>(() => ApiAccess.For(IPAddress.Parse("10.0.0.1"), null));
        Assert.Contains("10.0.0.1, which is not a loopback address, without a token", refused.Message);
        Assert.Contains("DAFT_API_TOKEN", refused.Message);
        Assert.Throws<ApiConfigurationException>(() => ApiAccess.For(IPAddress.Any, ""));
        Assert.True(ApiAccess.For(IPAddress.Any, Token).RequiresToken);
    }

    [Fact]
    public void With_a_token_only_the_right_bearer_token_passes_and_the_probes_stay_open()
    {
        var access = ApiAccess.For(IPAddress.Any, Token);
        Assert.True(access.Allows("/api/sweeps", $"Bearer {Token}"));
        Assert.True(access.Allows("/metrics", $"bearer {Token} "));
        Assert.False(access.Allows("/api/sweeps", null));
        Assert.False(access.Allows("/api/sweeps", $"Bearer {Token}x"));
        Assert.False(access.Allows("/api/sweeps", $"Bearer {Token[..^1]}"));
        Assert.False(access.Allows("/metrics", $"Basic {Token}"));
        Assert.False(access.Allows("/api/sweeps", Token));
        Assert.True(access.Allows("/healthz", null));
        Assert.True(access.Allows("/readyz", "Bearer wrong"));
    }

    [Fact]
    public async Task A_loopback_server_answers_without_a_token_and_its_probes_say_alive_and_ready()
    {
        await using var farm = await TestFarm.StartAsync();
        using var client = farm.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/sweeps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("metrics")).StatusCode);
        Assert.Contains("\"alive\"", await client.GetStringAsync("healthz"));
        var ready = await client.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("""{"ready":true,"ledger":"ok","cluster":"up"}""", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_server_with_a_token_answers_401_to_a_missing_or_wrong_token_and_200_to_the_right_one_but_keeps_the_probes_open()
    {
        await using var farm = await TestFarm.StartAsync(Token);
        using var anonymous = farm.Client();
        using var wrong = farm.Client("not-the-token");
        using var right = farm.Client(Token);

        foreach (var path in new[] { "api/sweeps", "api/nodes", "metrics" })
        {
            var missing = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
            Assert.DoesNotContain(Token, await missing.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await right.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("api/sweeps", new StringContent(TestSweeps.Yaml("x")))).StatusCode);
        Assert.Empty(farm.Ledger.Sweeps());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("readyz")).StatusCode);
    }

    [Fact]
    public void Daft_serve_on_a_non_loopback_address_without_a_token_refuses_to_start_and_says_why()
    {
        using var temp = new TempFolder();
        var result = CliRun.Daft("serve", "--api-host", "0.0.0.0", "--home", temp.Path, "--port", LocalFarm.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("serve: the HTTP API would listen on 0.0.0.0, which is not a loopback address, without a token", result.Error);
        Assert.False(File.Exists(Path.Combine(temp.Path, "daft.db")), "nothing should have been started or created");
    }

    [RequirementFact]
    [RequiresNonLoopbackAddress]
    public async Task A_server_on_this_machines_own_address_requires_the_token()
    {
        var address = RequiresNonLoopbackAddressAttribute.Find()!;
        Assert.Throws<ApiConfigurationException>(() => ApiSettings.Resolve(address.ToString(), 0, null));

        await using var farm = await TestFarm.StartAsync(Token, address.ToString());
        Assert.Equal(address.ToString(), farm.Api.Address.Host);
        using var anonymous = farm.Client();
        using var right = farm.Client(Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/sweeps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("api/sweeps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("healthz")).StatusCode);
    }
}

/// <summary>The test binds an IPv4 address of this machine that is not loopback (skipped on a machine with none).</summary>
public sealed class RequiresNonLoopbackAddressAttribute : TestRequirementAttribute
{
    public override string? MissingReason => Find() is null ? "this machine has no IPv4 address besides loopback" : null;

    public static IPAddress? Find() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(network => network.OperationalStatus == OperationalStatus.Up)
        .SelectMany(network => network.GetIPProperties().UnicastAddresses)
        .Select(unicast => unicast.Address)
        .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
}
