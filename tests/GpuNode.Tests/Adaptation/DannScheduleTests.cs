using System.Text.Json;
using Daft.GpuNode.Adaptation;

namespace Daft.GpuNode.Tests.Adaptation;

public class DannScheduleTests
{
    [Fact]
    public void Lambda_and_learning_rate_match_the_python_formulas()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSetup.Fixtures, "dann", "tiny.json")));
        var lr0 = json.RootElement.GetProperty("lr0").GetDouble();
        var grid = json.RootElement.GetProperty("schedule").EnumerateArray().ToList();
        Assert.NotEmpty(grid);
        foreach (var point in grid)
        {
            var p = point.GetProperty("p").GetDouble();
            Assert.Equal(point.GetProperty("lambda").GetDouble(), DannSchedule.Lambda(p), 1e-15);
            Assert.Equal(point.GetProperty("lr").GetDouble(), DannSchedule.LearningRate(lr0, p), 1e-15);
        }
    }

    [Fact]
    public void Schedules_start_at_zero_and_mu0_and_end_near_one_and_a_sixth()
    {
        Assert.Equal(0.0, DannSchedule.Lambda(0));
        Assert.Equal(0.9999092, DannSchedule.Lambda(1), 1e-7);
        Assert.Equal(0.01, DannSchedule.LearningRate(0.01, 0));
        Assert.Equal(0.01 / Math.Pow(11, 0.75), DannSchedule.LearningRate(0.01, 1), 1e-17);
        Assert.Equal(0.25, DannSchedule.Progress(25, 100));
        Assert.Equal(1.0, DannSchedule.Progress(100, 100));
    }

    [Fact]
    public void Out_of_range_progress_steps_and_rates_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DannSchedule.Lambda(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DannSchedule.Lambda(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => DannSchedule.LearningRate(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => DannSchedule.Progress(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DannSchedule.Progress(4, 3));
    }
}
