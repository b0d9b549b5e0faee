using Daft.Coordinator.Farm.Dispatch;

namespace Daft.Coordinator.Tests.Farm;

public sealed class StallDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ticks_on_time_or_a_little_late_are_not_stalls_and_one_far_too_late_is()
    {
        var detector = new StallDetector(TimeSpan.FromSeconds(1));

        Assert.Null(detector.Tick(T0));
        Assert.Null(detector.Tick(T0.AddSeconds(1)));
        Assert.Null(detector.Tick(T0.AddMilliseconds(3900))); // 2.9 s: within three intervals
        Assert.Equal(TimeSpan.FromMilliseconds(40500), detector.Tick(T0.AddMilliseconds(44400)));
        // The tick after a stall is on time again: it expires leases as usual.
        Assert.Null(detector.Tick(T0.AddMilliseconds(45400)));
    }
}
