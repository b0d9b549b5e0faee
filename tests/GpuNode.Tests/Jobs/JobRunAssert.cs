using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.GpuNode.Weights;
using Daft.Shared.Results.TensorBoard;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary>What every finished job must satisfy, whatever its method: the contract of result.json and its files.</summary>
static class JobRunAssert
{
    /// <summary>
    /// Status, identity, one record per epoch, the chosen epoch (first maximum of id_val accuracy) and its metrics as
    /// Final, evaluation sets named id_val then <paramref name="oodNames"/>, spec.yaml naming the same job, and a
    /// model.safetensors that reproduces Final's id_val accuracy in a fresh network.
    /// </summary>
    public static void Succeeded(JobRun run, params string[] oodNames)
    {
        var (spec, result) = (run.Spec, run.Result);
        Assert.Equal("succeeded", result.Status);
        Assert.Null(result.Error);
        Assert.Equal(JobIdentity.IdOf(spec), result.JobId);
        Assert.Equal((spec.Method.Name, spec.Dataset, spec.Backbone, spec.Seed), (result.Method, result.Dataset, result.Backbone, result.Seed));
        string[] evalNames = ["id_val", .. oodNames];

        var expectedEpochs = spec.Method is LinearProbeSpec ? 0 : spec.Epochs;
        Assert.Equal(Enumerable.Range(1, expectedEpochs), result.Epochs.Select(e => e.Epoch));
        Assert.All(result.Epochs, e => Assert.Equal(evalNames, e.Eval.Select(m => m.Name)));
        if (expectedEpochs > 0)
        {
            var best = result.Epochs.Max(e => e.Eval[0].Accuracy);
            var firstBest = result.Epochs.First(e => e.Eval[0].Accuracy == best);
            Assert.Equal(firstBest.Epoch, result.ChosenEpoch);
            // ImmutableArray compares by reference; as sequences of records, name, accuracy, loss and count must all be equal.
            Assert.Equal(firstBest.Eval.AsEnumerable(), result.Final.AsEnumerable());
        }
        else
        {
            Assert.Equal(0, result.ChosenEpoch);
        }
        Assert.Equal(evalNames, result.Final.Select(m => m.Name));
        Assert.All(result.Final, m => Assert.Equal(445, m.Count)); // digits: id_val and its inverted copy, 445 images each

        var rewritten = JobSpecLoader.Parse(File.ReadAllText(Path.Combine(run.Folder, "spec.yaml")), Path.Combine(run.Folder, "spec.yaml"));
        Assert.Equal(result.JobId, JobIdentity.IdOf(rewritten));
        Assert.Equal(result.Final[0].Accuracy, EvaluateSavedModel(run).Accuracy);

        // The checkpoint carries the spec that produced it.
        var (tensors, metadata) = SafeTensors.LoadWithMetadata(run.ModelPath);
        foreach (var tensor in tensors.Values)
            tensor.Dispose();
        Assert.Equal(result.JobId, metadata["job_id"]);
        Assert.Equal(JobIdentity.CanonicalJson(spec), metadata["spec"]);
        Assert.Equal(result.ChosenEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["chosen_epoch"]);

        // One TensorBoard event file: the file-version record, then one record per epoch (LP: one, its final evaluation).
        var events = Assert.Single(Directory.GetFiles(Path.Combine(run.Folder, RunEventFile.JobFolder)));
        Assert.StartsWith(EventFile.Prefix, Path.GetFileName(events));
        Assert.Equal(1 + Math.Max(expectedEpochs, 1), RecordCount(File.ReadAllBytes(events)));
    }

    /// <summary>The records of a TFRecord file, counted by walking its length fields (8-byte length, 4-byte CRC, data, 4-byte CRC).</summary>
    static int RecordCount(byte[] file)
    {
        var (count, at) = (0, 0);
        for (; at < file.Length; count++)
            at += 16 + (int)BitConverter.ToUInt64(file, at);
        Assert.Equal(file.Length, at);
        return count;
    }

    /// <summary>The saved model, loaded strictly into a fresh network, evaluated on the job's id_val split as the job does.</summary>
    public static EvaluationResult EvaluateSavedModel(JobRun run)
    {
        using var data = DatasetCatalog.Load(run.Spec.Dataset, run.Spec.ResolveDataRoot());
        using var model = LoadSavedModel(run, data.NumClasses);
        return Trainer.Evaluate(model, BatchLoader.Images(data.IdVal, run.Spec.BatchSize, run.Spec.ImageSize).DisposeEach());
    }

    /// <summary>A fresh network of the job's backbone holding exactly the job's model.safetensors.</summary>
    public static ClassifierNetwork LoadSavedModel(JobRun run, int numClasses = 10) => LoadModel(run.Spec.Backbone, run.ModelPath, numClasses);

    /// <summary>A fresh network holding exactly the given weights file (every entry, head included).</summary>
    public static ClassifierNetwork LoadModel(string backbone, string path, int numClasses = 10)
    {
        var model = Backbones.Create(backbone, numClasses);
        StateDictLoader.Load(model, path, allowHeadMismatch: false, strict: true);
        return model;
    }

    /// <summary>The named state-dict entry of a weights file, as float64 values.</summary>
    public static double[] Entry(string path, string name)
    {
        var tensors = SafeTensors.Load(path);
        try
        {
            return tensors[name].to(ScalarType.Float64).data<double>().ToArray();
        }
        finally
        {
            foreach (var t in tensors.Values)
                t.Dispose();
        }
    }
}
