using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Specs;

public class ExampleJobFilesTests
{
    public static TheoryData<string> JobFiles => new(FileNames());

    [Fact]
    public void The_documented_examples_exist()
    {
        Assert.Subset(
            FileNames().ToHashSet(),
            new HashSet<string>
            {
                "digits-ft.yaml", "digits-daft.yaml", "digits-lp.yaml", "digits-lp_ft.yaml", "cifar10-resnet18-daft.yaml",
            });
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public void Every_example_is_valid_and_runs_what_its_name_says(string fileName)
    {
        var spec = JobSpecLoader.Load(Path.Combine(RepoPaths.JobsFolder, fileName));

        // Names read <dataset>-[<backbone>-]<method>.yaml.
        var parts = Path.GetFileNameWithoutExtension(fileName).Split('-');
        Assert.Equal(parts[0], spec.Dataset);
        Assert.Equal(parts[^1], spec.Method.Name);
        if (parts.Length == 3)
        {
            Assert.Equal(parts[1], spec.Backbone);
        }
    }

    [Fact]
    public void The_worked_example_in_configs_README_shows_the_current_id()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", "README.md"));
        var spec = JobSpecLoader.Load(Path.Combine(RepoPaths.JobsFolder, "digits-daft.yaml"));

        Assert.Contains(spec.ToYaml(withNotes: true), readme);
        Assert.Contains(JobIdentity.CanonicalJson(spec), readme);
    }

    private static IEnumerable<string> FileNames() =>
        Directory.EnumerateFiles(RepoPaths.JobsFolder, "*.yaml").Select(path => Path.GetFileName(path)).Order();
}
