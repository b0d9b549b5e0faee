using System.Text.Json;
using Daft.GpuNode.Training;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Tests.Training;

public class EpochLrScheduleTests
{
    static readonly LrScheduleSpec Cosine = LrScheduleSpec.Default;

    static LrScheduleSpec Step(int stepSize, double gamma, int warmup = 0) =>
        Cosine with { Kind = LrScheduleKind.Step, StepSize = stepSize, Gamma = gamma, WarmupEpochs = warmup };

    static LrScheduleSpec Plateau(PlateauMetric metric, double factor, int patience, int warmup = 0) =>
        Cosine with { Kind = LrScheduleKind.Plateau, Metric = metric, Factor = factor, Patience = patience, WarmupEpochs = warmup };

    static List<double> Run(LrScheduleSpec spec, int epochs, double baseLr, IReadOnlyList<double>? metrics = null)
    {
        var schedule = new EpochLrSchedule(spec, epochs, [baseLr, 10 * baseLr]);
        var rates = new List<double>();
        for (var e = 0; e < epochs; e++)
        {
            Assert.Equal(e, schedule.Epoch);
            rates.Add(schedule.Rates[0]);
            Assert.Equal(10 * schedule.Rates[0], schedule.Rates[1], 1e-12);
            schedule.Step(metrics?[e] ?? 0);
        }
        return rates;
    }

    [Fact]
    public void Step_decays_by_gamma_every_step_size_epochs()
    {
        var rates = Run(Step(2, 0.5), 6, 1.0);

        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.25, 0.25], rates);
    }

    [Fact]
    public void Warmup_ramps_linearly_from_lr_over_w_plus_1_then_the_main_schedule_starts_at_lr()
    {
        // W = 3: epochs 0-2 at 1/4, 2/4, 3/4 of the rate; epoch 3 at the rate; then StepLR(1, 0.1) from there.
        var rates = Run(Step(1, 0.1, warmup: 3), 6, 0.4);

        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.04, 0.004], rates, new Tolerance(1e-15));
    }

    [Fact]
    public void Cosine_after_warmup_anneals_over_the_remaining_epochs()
    {
        // W = 1, 5 epochs: epoch 0 at lr/2, then cosine with T_max = 4 over epochs 1-4.
        var rates = Run(Cosine with { WarmupEpochs = 1 }, 5, 1.0);

        Assert.Equal([0.5, 1.0, (1 + Math.Cos(Math.PI / 4)) / 2, 0.5, (1 + Math.Cos(3 * Math.PI / 4)) / 2], rates, new Tolerance(1e-15));
    }

    [Fact]
    public void Plateau_on_accuracy_decays_after_patience_epochs_without_a_relative_improvement_of_1e_4()
    {
        // patience 1: 0.5 best, 0.6 best, 0.6 bad 1, 0.60001 (< 0.6 * 1.0001) bad 2 -> decay, counter reset;
        // 0.7 best; 0.7 bad 1.
        var rates = Run(Plateau(PlateauMetric.IdValAccuracy, 0.5, 1), 7, 1.0, [0.5, 0.6, 0.6, 0.60001, 0.7, 0.7, 0.7]);

        Assert.Equal([1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5], rates);
    }

    [Fact]
    public void Plateau_on_train_loss_is_mode_min_and_patience_0_decays_at_every_bad_epoch()
    {
        var rates = Run(Plateau(PlateauMetric.TrainLoss, 0.1, 0), 5, 1.0, [2.0, 1.0, 1.0, 0.5, 0.6]);

        Assert.Equal([1.0, 1.0, 1.0, 0.1, 0.1], rates, new Tolerance(1e-15));
    }

    [Fact]
    public void Refuses_a_warmup_that_leaves_no_epoch_for_the_main_schedule()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochLrSchedule(Cosine with { WarmupEpochs = 3 }, 3, [0.1]));
    }

    [Fact]
    public void Rates_equal_torchs_schedulers_for_the_same_settings()
    {
        // tools/fixtures/make_schedule_fixtures.py, torch 1.13: two groups at 0.1 and 3.0.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSetup.Fixtures, "schedules", "lr_schedules.json")));
        var root = json.RootElement;
        var baseRates = root.GetProperty("base").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var accuracy = root.GetProperty("accuracy").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var loss = root.GetProperty("loss").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(7, cases.Count);
        foreach (var c in cases)
        {
            var epochs = c.GetProperty("epochs").GetInt32();
            var warmup = c.GetProperty("warmup").GetInt32();
            var spec = c.GetProperty("kind").GetString() switch
            {
                "cosine" => Cosine with { WarmupEpochs = warmup },
                "step" => Step(c.GetProperty("step_size").GetInt32(), c.GetProperty("gamma").GetDouble(), warmup),
                "plateau" => Plateau(LrScheduleSpec.MetricOf(c.GetProperty("metric").GetString()!), c.GetProperty("factor").GetDouble(),
                    c.GetProperty("patience").GetInt32(), warmup),
                var other => throw new InvalidOperationException(other),
            };
            var metrics = spec.Metric == PlateauMetric.TrainLoss ? loss : accuracy;
            var expected = c.GetProperty("rates").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToList()).ToList();
            var schedule = new EpochLrSchedule(spec, epochs, baseRates);
            for (var e = 0; e < epochs; e++)
            {
                for (var g = 0; g < baseRates.Count; g++)
                    Assert.True(Math.Abs(expected[e][g] - schedule.Rates[g]) <= 1e-14 * expected[e][g],
                        $"{c.GetProperty("name").GetString()} epoch {e} group {g}: torch {expected[e][g]:R}, Daft {schedule.Rates[g]:R}");
                schedule.Step(metrics[e]);
            }
        }
    }

    [Fact]
    public void The_scheduler_keeps_todays_cosine_for_the_default_and_writes_other_rates_into_both_groups()
    {
        using var net = new TinyBnNet();
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 1e-3, HeadLr: 10.0));
        using var reference = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 1e-3, HeadLr: 10.0));
        var scheduler = new LrScheduler(sgd, LrScheduleSpec.Default, 5);
        var cosine = new CosineSchedule(reference, 5);
        for (var e = 0; e < 5; e++)
        {
            Assert.Equal(cosine.LearningRates, scheduler.LearningRates);
            scheduler.Step(0.5, 1.0, PlateauMetric.IdValAccuracy);
            cosine.Step();
        }

        using var stepped = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 1e-3, HeadLr: 10.0));
        var warm = new LrScheduler(stepped, Step(1, 0.5, warmup: 1), 3);
        Assert.Equal([5e-4, 5.0], warm.LearningRates);
        warm.Step(0.5, 1.0, PlateauMetric.IdValAccuracy);
        Assert.Equal([1e-3, 10.0], warm.LearningRates);
        warm.Step(0.5, 1.0, PlateauMetric.IdValAccuracy);
        Assert.Equal([5e-4, 5.0], warm.LearningRates);
    }

    sealed class Tolerance(double absolute) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= absolute;

        public int GetHashCode(double obj) => 0;
    }
}
