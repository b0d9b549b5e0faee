using System.Globalization;
using System.Text.RegularExpressions;
using Daft.Coordinator.Farm.Local;

namespace Daft.Integration.Tests.Deploy;

/// <summary>One container of a rendered pod as this machine starts it: program, arguments, environment, folder.</summary>
internal sealed record ContainerLaunch(
    string Pod,
    string Container,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Mounts,
    IReadOnlyDictionary<string, int> Ports,
    Node Spec);

/// <summary>
/// Turns the rendered pods' containers into processes on this machine's loopback network, resolving what the kubelet resolves — <c>envFrom</c>
/// ConfigMaps and Secrets, <c>valueFrom</c> field / ConfigMap / Secret references, <c>$(VAR)</c> in env values, command
/// and arguments — and changing only what cannot be the same on one machine:
/// <list type="number">
/// <item>volume mount paths: a value under a container's mountPath points under that volume's folder here instead (a
/// PersistentVolumeClaim is one folder for every pod that claims it, as a ReadWriteMany volume is; emptyDir one per pod;
/// a Secret's or ConfigMap's volume a folder holding its keys as files);</item>
/// <item>addresses: each pod gets an address of its own on the loopback network, 127.0.0.2 and up, for its IP
/// (<c>status.podIP</c>) and, for a StatefulSet's pod, its DNS name through the headless Service (<c>POD.SERVICE</c>).
/// The bind address 0.0.0.0 stays: so a program that ignored its public name would give the others 0.0.0.0 to reach
/// it by, as it would in the cluster, and the farm would not form;</item>
/// <item>ports: every containerPort the pods declare gets a free port here, wherever the number appears as a value or as
/// the port of HOST:PORT (the pods bind 0.0.0.0, so on one machine their ports must differ; and tests run side by
/// side);</item>
/// <item>the ledger: <c>DAFT_DB</c> is handed to the test's <c>ledger</c> function (a throwaway PostgreSQL server on
/// 127.0.0.1 with the Secret's password, or a SQLite file where PostgreSQL is not installed); the PostgreSQL workload
/// and the init containers that wait for it are not started;</item>
/// <item>the image's programs: <c>/opt/daft/daft.dll</c> and <c>/opt/daft/daft-node.dll</c> (where the Dockerfiles
/// publish them) are this build's <c>daft</c> and <c>daft-node</c>.</item>
/// </list>
/// </summary>
internal sealed class LoopbackPods
{
    private const string ImageFolder = "/opt/daft/";
    private readonly RenderedManifests _manifests;
    private readonly string _root;
    private readonly Dictionary<int, int> _ports = [];
    private readonly Dictionary<string, string> _addresses = [];
    private readonly Dictionary<string, string> _podNames = [];
    private readonly Func<string, string> _ledger;

    public LoopbackPods(RenderedManifests manifests, string root, Func<string, string> ledger)
    {
        _manifests = manifests;
        _ledger = ledger;
        _root = root;
        foreach (var port in manifests.Workloads().SelectMany(each => each.Containers).SelectMany(each => each["ports"].Items))
        {
            var number = int.Parse(port["containerPort"].Text, CultureInfo.InvariantCulture);
            int free;
            do
            {
                free = LocalFarm.FreePort();
            }
            while (_ports.ContainsValue(free));

            _ports.TryAdd(number, free);
        }

        foreach (var workload in manifests.Workloads())
        {
            for (var ordinal = 0; ordinal < workload.Replicas; ordinal++)
            {
                var pod = workload.PodName(ordinal);
                _addresses[pod] = $"127.0.0.{_addresses.Count + 2}";
                if (workload.Kind == "StatefulSet")
                {
                    // A StatefulSet pod's stable name, POD.SERVICE, is how other pods reach it (the headless Service's DNS record).
                    _podNames[$"{pod}.{workload.ServiceName}"] = _addresses[pod];
                }
            }
        }
    }

    /// <summary>The loopback address that stands for <paramref name="pod"/>'s IP.</summary>
    public string Address(string pod) => _addresses[pod];

    /// <summary>The port this machine uses for the pods' <paramref name="containerPort"/>.</summary>
    public int Port(int containerPort) => _ports[containerPort];

    /// <summary>The folder that stands for the PersistentVolumeClaim <paramref name="claim"/>.</summary>
    public string Claim(string claim) => Path.Combine(_root, "claims", claim);

    public ContainerLaunch Resolve(Workload workload, int ordinal, string containerName)
    {
        var pod = workload.PodName(ordinal);
        var container = workload.Containers.Single(each => each["name"].Text == containerName);
        var mounts = MountFolders(workload, pod, container);
        var environment = EnvironmentOf(workload, pod, container);
        var command = container["command"].Texts.Select(each => Expand(each, environment)).ToList();
        var arguments = container["args"].Texts.Select(each => Expand(each, environment)).ToList();
        Assert.True(command.Count > 0, $"{workload.Name}/{containerName} names no command: the test maps only spelled-out commands to this build");

        var rewritten = environment.ToDictionary(entry => entry.Key, entry => Rewrite(entry.Key, entry.Value, mounts));
        var (fileName, prefix) = Program(command);
        var ports = container["ports"].Items.ToDictionary(each => each["name"].Text, each => Port(int.Parse(each["containerPort"].Text, CultureInfo.InvariantCulture)));
        var workingDirectory = Path.Combine(_root, "pods", pod);
        Directory.CreateDirectory(workingDirectory);
        return new ContainerLaunch(pod, containerName, fileName, [.. prefix, .. arguments.Select(each => Rewrite(null, each, mounts))], rewritten, mounts, ports, container);
    }

    // dotnet /opt/daft/daft.dll → dotnet <test output>/daft.dll; dotnet /opt/daft/daft-node.dll → this build's daft-node.
    private static (string FileName, IReadOnlyList<string> Prefix) Program(IReadOnlyList<string> command)
    {
        Assert.True(command is ["dotnet", _, ..], $"expected `dotnet DLL`, the images' entrypoints, not `{string.Join(' ', command)}`");
        var rest = command.Skip(2).ToList();
        return command[1] switch
        {
            ImageFolder + "daft.dll" => ("dotnet", [Path.Combine(AppContext.BaseDirectory, "daft.dll"), .. rest]),
            ImageFolder + "daft-node.dll" => NodeExecutable.Find() is var (file, prefix) ? (file, [.. prefix, .. rest]) : default,
            var other => throw new InvalidOperationException($"no program of this build is the image's {other}"),
        };
    }

    private Dictionary<string, string> MountFolders(Workload workload, string pod, Node container)
    {
        var volumes = workload.PodSpec["volumes"].Items.ToDictionary(each => each["name"].Text);
        var mounts = new Dictionary<string, string>();
        foreach (var mount in container["volumeMounts"].Items)
        {
            var volume = volumes[mount["name"].Text];
            string folder;
            if (volume["persistentVolumeClaim"].Exists)
            {
                folder = Claim(volume["persistentVolumeClaim"]["claimName"].Text);
            }
            else if (volume["emptyDir"].Exists)
            {
                folder = Path.Combine(_root, "pods", pod, "volumes", mount["name"].Text);
            }
            else if (volume["secret"].Exists || volume["configMap"].Exists)
            {
                folder = Path.Combine(_root, "pods", pod, "volumes", mount["name"].Text);
                Directory.CreateDirectory(folder);
                Assert.False(volume["secret"]["items"].Exists || volume["configMap"]["items"].Exists, "items of a Secret or ConfigMap volume are not mapped here");
                var data = volume["secret"].Exists
                    ? _manifests.SecretData(volume["secret"]["secretName"].Text)
                    : _manifests.ConfigMapData(volume["configMap"]["name"].Text);
                foreach (var (key, value) in data)
                {
                    File.WriteAllText(Path.Combine(folder, key), value);
                }
            }
            else
            {
                throw new InvalidOperationException($"volume {mount["name"].Text} of {workload.Name}: only claims, emptyDir, Secrets and ConfigMaps are mapped here");
            }

            Directory.CreateDirectory(folder);
            mounts[mount["mountPath"].Text] = folder;
        }

        return mounts;
    }

    private Dictionary<string, string> EnvironmentOf(Workload workload, string pod, Node container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container["envFrom"].Items)
        {
            var data = source["configMapRef"].Exists ? _manifests.ConfigMapData(source["configMapRef"]["name"].Text)
                : source["secretRef"].Exists ? _manifests.SecretData(source["secretRef"]["name"].Text)
                : throw new InvalidOperationException($"an envFrom of {workload.Name} names neither a ConfigMap nor a Secret");
            foreach (var (key, value) in data)
            {
                environment[source["prefix"].TextOr("") + key] = value;
            }
        }

        foreach (var variable in container["env"].Items)
        {
            var name = variable["name"].Text;
            var from = variable["valueFrom"];
            environment[name] = !from.Exists ? Expand(variable["value"].TextOr(""), environment)
                : from["fieldRef"].Exists ? from["fieldRef"]["fieldPath"].Text switch
                {
                    "metadata.name" => pod,
                    "metadata.namespace" => workload.Namespace,
                    "status.podIP" => _addresses[pod],
                    var other => throw new InvalidOperationException($"fieldRef {other} of {name} is not mapped here"),
                }
                : from["configMapKeyRef"].Exists ? _manifests.ConfigMapValue(from["configMapKeyRef"]["name"].Text, from["configMapKeyRef"]["key"].Text)
                : from["secretKeyRef"].Exists ? _manifests.SecretValue(from["secretKeyRef"]["name"].Text, from["secretKeyRef"]["key"].Text)
                : throw new InvalidOperationException($"valueFrom of {name} is not mapped here");
        }

        return environment;
    }

    // $(NAME) → that variable's value when it is defined, else left as written ($$ escapes a $), as the kubelet does.
    private static string Expand(string text, IReadOnlyDictionary<string, string> environment) =>
        Regex.Replace(text, @"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)",
            match => match.Value == "$$" ? "$" : environment.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);

    private string Rewrite(string? variable, string value, IReadOnlyDictionary<string, string> mounts)
    {
        if (variable == "DAFT_DB")
        {
            return _ledger(value);
        }

        // Longest mount first, so /etc/daft/secrets wins over a mount at /etc/daft.
        foreach (var (mountPath, folder) in mounts.OrderByDescending(entry => entry.Key.Length))
        {
            if (value == mountPath || value.StartsWith(mountPath + "/", StringComparison.Ordinal))
            {
                return folder + value[mountPath.Length..];
            }
        }

        if (_podNames.TryGetValue(value, out var address))
        {
            return address;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && _ports.TryGetValue(number, out var mapped))
        {
            return mapped.ToString(CultureInfo.InvariantCulture);
        }

        // HOST:PORT lists (DAFT_SEEDS): each pod name and declared port as above.
        return Regex.Replace(value, @"(?<host>[A-Za-z0-9.-]+):(?<port>\d+)", match =>
        {
            var host = match.Groups["host"].Value;
            var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            return _podNames.TryGetValue(host, out var at) && _ports.TryGetValue(port, out var free)
                ? $"{at}:{free.ToString(CultureInfo.InvariantCulture)}"
                : match.Value;
        });
    }
}
