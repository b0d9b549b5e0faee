using System.Text.Json;
using Daft.Shared.Results.TensorBoard;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Results.TensorBoard;

/// <summary>
/// The writer's bytes against an event file protobuf's own serializer made from the same steps
/// (tools/fixtures/make_tensorboard_fixtures.py, Fixtures/tensorboard/).
/// </summary>
public sealed class TensorBoardGoldenTests
{
    private static string Fixtures => Path.Combine(RepoPaths.Root, "tests", "Shared.Tests", "Fixtures", "tensorboard");

    [Fact]
    public void The_writer_produces_the_bytes_of_protobufs_serializer_for_the_same_steps()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "sample.json")));
        var root = sample.RootElement;
        var steps = root.GetProperty("steps").EnumerateArray().Select(step => new ScalarStep(
            step.GetProperty("step").GetInt64(),
            DateTimeOffset.FromUnixTimeMilliseconds(step.GetProperty("wall_time_ms").GetInt64()),
            [.. step.GetProperty("values").EnumerateArray().Select(pair => new Scalar(pair[0].GetString()!, (float)pair[1].GetDouble()))])).ToList();
        using var folder = new TempFolder();

        var path = EventFile.Write(folder.Path, DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("created_ms").GetInt64()),
            root.GetProperty("host").GetString()!, steps);

        var golden = File.ReadAllBytes(Path.Combine(Fixtures, "sample.tfevents"));
        Assert.Equal(golden, File.ReadAllBytes(path));
        // The fixture covers step 0 (left out, as proto3 does), a negative value and a tag whose length needs two varint bytes.
        Assert.Contains(steps, step => step.Step == 0);
        Assert.Contains(steps, step => step.Values.Any(value => value.Tag.Length > 127));
        var events = EventReader.Read(golden);
        Assert.Equal([0L, 0, 1, 2, 300_000], events.Select(e => e.Step));
        Assert.Equal(-1.5f, events[3].Values[1].Value);
    }
}
