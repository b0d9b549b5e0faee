using Daft.Shared.Results;
using Daft.Shared.Results.TensorBoard;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Results.TensorBoard;

/// <summary>The event-file writer against standard CRC vectors and an independent reader (<see cref="EventReader"/>).</summary>
public sealed class TensorBoardWriterTests
{
    private static readonly DateTimeOffset Started = new(2026, 3, 4, 5, 6, 7, 250, TimeSpan.Zero);

    [Fact]
    public void Crc32c_gives_the_standard_check_value_and_the_mask_rotates_then_adds_the_delta()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
        // ((0xE3069283 >> 15) | (0xE3069283 << 17)) mod 2^32 = 0x2507C60D; + 0xA282EAD8 = 0xC78AB0E5.
        Assert.Equal(0xC78AB0E5u, Crc32C.Mask(0xE3069283u));
        Assert.Equal(0xC78AB0E5u, Crc32C.Masked("123456789"u8));
    }

    [Fact]
    public void The_first_record_starts_with_the_bytes_every_tensorflow_event_file_starts_with()
    {
        using var folder = new TempFolder();

        var path = EventFile.Write(folder.Path, Started, "node-1", []);

        // The file-version event is 24 bytes (wall_time 9, file_version 15); TensorFlow's files begin
        // 18 00 00 00 00 00 00 00 a3 7f 4b 22: that length and its masked CRC-32C.
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x18, 0, 0, 0, 0, 0, 0, 0, 0xa3, 0x7f, 0x4b, 0x22], bytes[..12]);
        var only = Assert.Single(EventReader.Read(bytes));
        Assert.Equal(("brain.Event:2", 1772600767.25), (only.FileVersion, only.WallTime));
        Assert.Equal($"events.out.tfevents.1772600767.node-1", Path.GetFileName(path));
    }

    [Fact]
    public void A_result_round_trips_through_an_independent_reader_one_step_per_epoch()
    {
        using var folder = new TempFolder();
        var result = RunResultTests.Sample() with { Timings = new Timings(10, 1, 0.5, 0, 7, 1.5, 300) };

        var path = RunEventFile.Write(folder.Path, result, Started);

        var events = EventReader.Read(File.ReadAllBytes(path));
        Assert.Equal(3, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        // Epochs begin after setup (1 s) and BN conversion (0.5 s); epoch 1 ended 1.5 s later, epoch 2 at 3 s.
        var began = EventProto.Seconds(Started) + 1.5;
        Assert.Equal([(1L, began + 1.5), (2L, began + 3.0)], events.Skip(1).Select(e => (e.Step, e.WallTime)));
        Assert.Equal(
        [
            ("train/loss", 1.2f), ("train/accuracy", 60f), ("eval/id_val/accuracy", 90f), ("eval/id_val/loss", 0.3f),
            ("lr/group0", 0.01f), ("lr/group1", 0.1f),
        ], events[1].Values);
        var second = events[2].Values.ToDictionary(value => value.Tag, value => value.Value);
        Assert.True(float.IsNaN(second["train/loss"]));
        Assert.Equal((80f, 97.53f, 0.005f, 0.05f), (second["train/accuracy"], second["eval/id_val/accuracy"], second["lr/group0"], second["lr/group1"]));
        Assert.Equal(path, Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(path));
        Assert.EndsWith(".host", path);
    }

    [Fact]
    public void A_result_without_epochs_gives_its_final_evaluation_at_step_zero()
    {
        var lp = RunResultTests.Sample(method: "lp") with { Epochs = [] };

        var step = Assert.Single(RunScalars.Of(lp, Started));

        Assert.Equal((0L, Started), (step.Step, step.WallTime));
        Assert.Equal(["eval/id_val/accuracy", "eval/id_val/loss", "eval/digits/accuracy", "eval/digits/loss"], step.Values.Select(value => value.Tag));
        Assert.Equal(28.99f, step.Values[2].Value, 4);
        Assert.Empty(RunScalars.Of(lp with { Final = [] }, Started));
    }

    [Fact]
    public void Writing_a_run_again_replaces_its_event_file_and_a_host_name_is_made_safe_for_a_file_name()
    {
        using var folder = new TempFolder();
        var result = RunResultTests.Sample();
        RunEventFile.Write(folder.Path, result, Started);

        var again = RunEventFile.Write(folder.Path, result with { Environment = result.Environment with { Machine = "gpu 7/a" } }, Started.AddHours(1));

        Assert.Equal(again, Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.EndsWith(".gpu_7_a", again);
    }

    [Fact]
    public void Tags_and_large_steps_use_multi_byte_lengths_and_varints()
    {
        using var folder = new TempFolder();
        var tag = "eval/" + new string('x', 200) + "/accuracy";

        var path = EventFile.Write(folder.Path, Started, "h", [new ScalarStep(300_000, Started, [new Scalar(tag, -1.5f)])]);

        var scalar = EventReader.Read(File.ReadAllBytes(path))[1];
        Assert.Equal(300_000, scalar.Step);
        Assert.Equal((tag, -1.5f), Assert.Single(scalar.Values));
    }
}
