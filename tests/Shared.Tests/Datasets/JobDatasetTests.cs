using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Datasets;

public class JobDatasetTests
{
    static string Job(string dataset, string extra = "") =>
        $"dataset: {dataset}\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.01\n{extra}";

    [Fact]
    public void An_unknown_dataset_is_an_error_at_its_value_with_a_suggestion()
    {
        var error = Assert.Throws<ConfigException>(() => JobSpecLoader.Parse(Job("digit_shift"), "job.yaml"));

        Assert.StartsWith("job.yaml:1:10: unknown dataset `digit_shift` (did you mean `digits_shift`?); built-in datasets: cifar10,",
            error.Errors.Single().ToString());
    }

    [Fact]
    public void A_hyphenated_name_resolves_to_the_dataset_and_its_epochs_are_the_default()
    {
        var spec = JobSpecLoader.Parse(Job("digits-shift"), "job.yaml");
        var explicitEpochs = JobSpecLoader.Parse(Job("digits-shift", "epochs: 2\n"), "job.yaml");

        Assert.Equal(("digits_shift", 5, 2), (spec.Dataset, spec.Epochs, explicitEpochs.Epochs));
    }

    [Fact]
    public void A_dataset_file_path_is_made_absolute_against_the_job_and_its_own_errors_are_reported()
    {
        using var folder = new TempFolder();
        folder.Write("datasets/mine.yaml", "name: mine\nclasses: 2\nimage_size: 16\nepochs: 7\n"
            + "train: {reader: image_folder, path: mine/train}\nid_val: {reader: image_folder, path: mine/val}\n");
        folder.Write("datasets/broken.yaml", "name: broken\nclasses: 2\nimage_size: 16\ntrain: {reader: folder}\nid_val: {reader: idx}\n");
        var good = folder.Write("jobs/good.yaml", Job("../datasets/mine.yaml"));
        var bad = folder.Write("jobs/bad.yaml", Job("../datasets/broken.yaml"));

        var spec = JobSpecLoader.Load(good);
        var errors = Assert.Throws<ConfigException>(() => JobSpecLoader.Load(bad)).Errors.Select(e => e.ToString()).ToList();

        Assert.Equal((Path.Combine(folder.Path, "datasets", "mine.yaml"), 7), (spec.Dataset, spec.Epochs));
        var broken = Path.Combine(folder.Path, "datasets", "broken.yaml");
        Assert.Equal($"{bad}:1:10: dataset file {broken}:4:17: unknown reader `folder`; allowed: cifar10_binary, cifar10_1, cifar10_c, stl10, idx, npy, "
            + "digits_csv, image_folder, domainnet, breeds, fmow", errors[0]);
        Assert.Equal($"{bad}:1:10: dataset file {broken}:5:9: missing required key `path`: reader idx needs it", errors[1]);
    }
}
