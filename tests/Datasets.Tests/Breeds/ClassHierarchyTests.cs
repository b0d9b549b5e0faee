using Daft.Datasets.Breeds;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Breeds;

/// <summary>Reading the three hierarchy files and the graph robustness's <c>ClassHierarchy</c> builds from them.</summary>
public class ClassHierarchyTests
{
    /// <summary>
    /// root -> a -> b -> L1, root -> b (b's level is 2, the longest path), a -> L2, root -> c -> d with d leading
    /// to no class (pruned), L3 listed as a class but in no edge.
    /// </summary>
    static TempFolder Tiny(string edges = "root a\na b\nb L1\nroot b\na L2\nroot c\nc d\n", string names = "a\tAlpha\textra\nb\tBeta\na\tAlpha again\n")
    {
        var folder = new TempFolder();
        folder.Write(HierarchyFiles.ClassInfoFile, """[[0, "L1", "leaf one"], [1, "L2", "leaf two"], [2, "L3", "leaf three"]]""");
        folder.Write(HierarchyFiles.EdgesFile, edges);
        folder.Write(HierarchyFiles.NamesFile, names);
        return folder;
    }

    [Fact]
    public void Levels_are_the_longest_path_and_edges_to_no_class_are_dropped()
    {
        using var folder = Tiny();
        var hierarchy = ClassHierarchy.Load(folder.Path, root: "root");
        Assert.Equal(["a"], hierarchy.NodesAtLevel(1).Order());
        Assert.Equal(["L2", "b"], hierarchy.NodesAtLevel(2).Order(StringComparer.Ordinal));
        Assert.Equal(["L1"], hierarchy.NodesAtLevel(3));
        Assert.Equal(["a", "b"], hierarchy.Children("root").Order());
        Assert.Throws<KeyNotFoundException>(() => hierarchy.Children("c"));
        Assert.Equal(["L1", "L2"], hierarchy.LeavesReachable("a").Order());
        Assert.Equal(["L1"], hierarchy.NodesAtLevel(3, ancestor: "b"));
        Assert.Empty(hierarchy.NodesAtLevel(1, ancestor: "b"));
    }

    [Fact]
    public void Names_keep_the_second_field_of_the_last_line_and_fall_back_to_the_wnid()
    {
        using var folder = Tiny();
        var hierarchy = ClassHierarchy.Load(folder.Path, root: "root");
        Assert.Equal("Alpha again", hierarchy.NodeName("a"));
        Assert.Equal("Beta", hierarchy.NodeName("b"));
        Assert.Equal("root", hierarchy.NodeName("root"));
        Assert.Equal(1, hierarchy.LeafNumber("L2"));
    }

    [Fact]
    public void Missing_files_are_named_with_the_folder_and_the_fetch_command()
    {
        using var folder = new TempFolder();
        folder.Write(HierarchyFiles.EdgesFile, "root L1\n");
        var error = Assert.Throws<FileNotFoundException>(() => HierarchyFiles.Read(folder.Path));
        Assert.Contains($"'{folder.Path}' lacks dataset_class_info.json, node_names.txt", error.Message);
        Assert.Contains("daft data fetch breeds-hierarchy", error.Message);
    }

    [Fact]
    public void A_malformed_edge_line_is_reported_with_its_line_number()
    {
        using var folder = Tiny(edges: "root a\na b L1\n");
        var error = Assert.Throws<InvalidDataException>(() => HierarchyFiles.Read(folder.Path));
        Assert.Contains($"{Path.Combine(folder.Path, HierarchyFiles.EdgesFile)}:2: 3 field(s)", error.Message);
    }

    [Fact]
    public void A_name_line_without_a_tab_is_reported_with_its_line_number()
    {
        using var folder = Tiny(names: "a\tAlpha\nb Beta\n");
        var error = Assert.Throws<InvalidDataException>(() => HierarchyFiles.Read(folder.Path));
        Assert.Contains($"{Path.Combine(folder.Path, HierarchyFiles.NamesFile)}:2: no tab", error.Message);
    }

    [Fact]
    public void A_cycle_is_an_error_where_the_library_would_loop_forever()
    {
        using var folder = Tiny(edges: "root a\na b\nb a\nb L1\n");
        var error = Assert.Throws<InvalidDataException>(() => ClassHierarchy.Load(folder.Path, root: "root"));
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void A_root_on_no_path_to_a_class_is_named()
    {
        using var folder = Tiny();
        var error = Assert.Throws<KeyNotFoundException>(() => ClassHierarchy.Load(folder.Path));
        Assert.Contains("'n00001740'", error.Message);
    }
}
