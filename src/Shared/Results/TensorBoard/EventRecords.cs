namespace Daft.Shared.Results.TensorBoard;

/// <summary>One scalar of a step: a tag such as "eval/id_val/accuracy" and its value (TensorBoard stores a float).</summary>
public readonly record struct Scalar(string Tag, float Value);

/// <summary>The scalars of one step (for Daft an epoch), with the wall-clock time they were measured at.</summary>
public sealed record ScalarStep(long Step, DateTimeOffset WallTime, IReadOnlyList<Scalar> Values);

/// <summary>
/// Encodes TensorFlow's <c>Event</c> protobuf (tensorflow/core/util/event.proto) for the two kinds of event Daft writes:
/// <c>wall_time</c> = 1 (double, seconds since the Unix epoch), <c>step</c> = 2 (int64), <c>file_version</c> = 3
/// (string), <c>summary</c> = 5 holding <c>Summary.value</c> = 1 (repeated), each a <c>Value</c> with <c>tag</c> = 1
/// (string) and <c>simple_value</c> = 2 (float): the scalar form TensorBoard's scalars dashboard reads.
/// </summary>
public static class EventProto
{
    /// <summary>What the first record of every event file says: the format version TensorBoard checks.</summary>
    public const string FileVersion = "brain.Event:2";

    public static byte[] Version(DateTimeOffset wallTime) =>
        new ProtoWriter().Double(1, Seconds(wallTime)).String(3, FileVersion).ToArray();

    /// <summary>
    /// A step's scalars as one event. Step 0 is left out of the bytes, as proto3 leaves out a field at its default value,
    /// so the encoding is the one protobuf's own serializer gives (tools/fixtures/make_tensorboard_fixtures.py checks it).
    /// </summary>
    public static byte[] Scalars(ScalarStep step)
    {
        var summary = new ProtoWriter();
        foreach (var value in step.Values)
        {
            summary.Message(1, new ProtoWriter().String(1, value.Tag).Float(2, value.Value));
        }

        var writer = new ProtoWriter().Double(1, Seconds(step.WallTime));
        if (step.Step != 0)
        {
            writer.Int64(2, step.Step);
        }

        return writer.Message(5, summary).ToArray();
    }

    /// <summary>Seconds since the Unix epoch, with the milliseconds.</summary>
    public static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
