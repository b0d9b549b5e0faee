namespace Daft.Datasets.Breeds;

/// <summary>
/// The BREEDS class hierarchy as robustness's <c>ClassHierarchy</c> (<c>robustness/tools/breeds_helpers.py</c>)
/// builds it. Of the edges read, only those that lead to an ImageNet class are kept (its backward search from the
/// leaves: an edge <c>p -> w</c> survives when <c>w</c> is a leaf or an ancestor of one). A node's level is the
/// <em>longest</em> path to it from the root (<c>_make_level_dict</c> keeps the deepest of every path it walks).
/// </summary>
public sealed class ClassHierarchy
{
    /// <summary>The library's default root, WordNet's <c>entity</c>.</summary>
    public const string DefaultRoot = "n00001740";

    /// <summary><c>traverse</c>'s default depth: descendants more than this many edges down are not found.</summary>
    const int TraverseDepth = 100;

    readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);
    readonly HashSet<string> _leafIds;
    readonly Dictionary<string, int> _leafNumbers = new(StringComparer.Ordinal);
    readonly IReadOnlyDictionary<string, string> _names;

    public ClassHierarchy(HierarchyFiles files, string root = DefaultRoot)
    {
        _names = files.NodeNames;
        _leafIds = new HashSet<string>(files.Leaves.Select(l => l.Wnid), StringComparer.Ordinal);
        foreach (var leaf in files.Leaves)
            _leafNumbers[leaf.Wnid] = leaf.Number;
        KeepEdgesToLeaves(files.Edges);
        AssignLevels(root);
    }

    /// <summary>Reads the three files from <paramref name="infoDir"/> (see <see cref="HierarchyFiles"/>).</summary>
    public static ClassHierarchy Load(string infoDir, string root = DefaultRoot) => new(HierarchyFiles.Read(infoDir), root);

    /// <summary>The node's name from <c>node_names.txt</c>, else the wnid itself (<c>node_name</c>).</summary>
    public string NodeName(string node) => _names.GetValueOrDefault(node, node);

    /// <summary>The class number <c>dataset_class_info.json</c> gives an ImageNet class (<c>LEAF_ID_TO_NUM</c>).</summary>
    public int LeafNumber(string wnid) => _leafNumbers.TryGetValue(wnid, out var number)
        ? number : throw new KeyNotFoundException($"'{wnid}' is not an ImageNet class of {HierarchyFiles.ClassInfoFile}.");

    /// <summary>A node's children in the kept graph (<c>graph.successors</c>); an error for a node not in it, as
    /// networkx raises.</summary>
    public IReadOnlyList<string> Children(string node) => _children.TryGetValue(node, out var children)
        ? children : throw new KeyNotFoundException($"The BREEDS hierarchy has no node '{node}' on a path to an ImageNet class.");

    /// <summary>The ImageNet classes below <paramref name="node"/> (and the node, if it is one), without going
    /// below a class (<c>leaves_reachable</c>).</summary>
    public HashSet<string> LeavesReachable(string node)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Queue<string>([node]);
        while (todo.TryDequeue(out var current))
            foreach (var child in Children(current))
                if (_leafIds.Contains(child))
                    leaves.Add(child);
                else if (seen.Add(child))
                    todo.Enqueue(child);
        if (_leafIds.Contains(node))
            leaves.Add(node);
        return leaves;
    }

    /// <summary>The nodes at <paramref name="level"/>, restricted to <paramref name="ancestor"/> and its
    /// descendants when given (<c>get_nodes_at_level</c>).</summary>
    public HashSet<string> NodesAtLevel(int level, string? ancestor = null)
    {
        var nodes = _levels.Where(p => p.Value == level).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        if (nodes.Count == 0)
            throw new KeyNotFoundException($"The BREEDS hierarchy has no node at level {level} (its deepest is {_levels.Values.Max()}).");
        if (ancestor is not null)
            nodes.IntersectWith(Descendants(ancestor));
        return nodes;
    }

    /// <summary>The node and every node at most <see cref="TraverseDepth"/> edges below it (<c>traverse</c> down).</summary>
    HashSet<string> Descendants(string ancestor)
    {
        var found = new HashSet<string>([ancestor], StringComparer.Ordinal);
        var frontier = new List<string> { ancestor };
        for (var depth = 0; depth < TraverseDepth && frontier.Count > 0; depth++)
            frontier = [.. frontier.SelectMany(Children).Where(found.Add)];
        return found;
    }

    void KeepEdgesToLeaves(IReadOnlyList<(string Parent, string Child)> edges)
    {
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (parent, child) in edges)
        {
            if (!parents.TryGetValue(child, out var list))
                parents[child] = list = [];
            if (!list.Contains(parent, StringComparer.Ordinal))
                list.Add(parent);
            parents.TryAdd(parent, []);
        }
        var kept = new HashSet<string>(_leafIds.Where(parents.ContainsKey), StringComparer.Ordinal);
        var todo = new Queue<string>(kept);
        while (todo.TryDequeue(out var node))
            foreach (var parent in parents[node])
            {
                if (!_children.TryGetValue(parent, out var children))
                    _children[parent] = children = [];
                children.Add(node);
                _children.TryAdd(node, []);
                if (kept.Add(parent))
                    todo.Enqueue(parent);
            }
    }

    /// <summary>Longest-path levels, relaxing edges in topological order; a cycle (where the library would loop
    /// forever) is an error.</summary>
    void AssignLevels(string root)
    {
        var reachable = new HashSet<string>([.. Children(root).Prepend(root)], StringComparer.Ordinal);
        var walk = new Queue<string>(Children(root));
        while (walk.TryDequeue(out var node))
            foreach (var child in Children(node).Where(reachable.Add))
                walk.Enqueue(child);
        var pending = reachable.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var child in reachable.SelectMany(Children))
            pending[child]++;
        if (pending[root] != 0)
            throw new InvalidDataException($"The BREEDS hierarchy has a cycle through its root '{root}'.");
        _levels[root] = 0;
        var ready = new Queue<string>([root]);
        while (ready.TryDequeue(out var node))
            foreach (var child in Children(node))
            {
                _levels[child] = Math.Max(_levels.GetValueOrDefault(child), _levels[node] + 1);
                if (--pending[child] == 0)
                    ready.Enqueue(child);
            }
        if (pending.Values.Any(p => p != 0))
            throw new InvalidDataException($"The BREEDS hierarchy has a cycle below '{root}'.");
    }
}
