using System.Collections.Immutable;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.SweepViews;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.SweepViews;

/// <summary>The pure rules under the sweep views: the ETA, reading progress heartbeats, finding a sweep by what a user types.</summary>
public sealed class SweepViewRulesTests
{
    [Fact]
    public void The_eta_uses_the_pace_between_finished_epochs_so_the_setup_does_not_count_as_an_epoch()
    {
        // Started at 0, a 60 s setup, then 10 s epochs: epochs 1..3 ended at 70, 80, 90; 10 planned; now 95.
        var milestones = new List<(int, DateTimeOffset)> { (2, At(80)), (1, At(70)), (3, At(90)) };
        Assert.Equal(65, Eta.SecondsLeft(3, 10, At(0), milestones, At(95))!.Value, 9);
    }

    [Fact]
    public void With_one_finished_epoch_the_eta_counts_from_the_start_and_it_is_unknown_before_any()
    {
        Assert.Equal(50, Eta.SecondsLeft(1, 3, At(0), [(1, At(30))], At(40))!.Value, 9);
        // No milestone recorded but the heartbeat says an epoch ended: the pace so far, from the start.
        Assert.Equal(40, Eta.SecondsLeft(1, 3, At(0), [], At(20))!.Value, 9);
        Assert.Null(Eta.SecondsLeft(0, 3, At(0), [], At(20)));
        Assert.Null(Eta.SecondsLeft(1, 3, null, [], At(20)));
        Assert.Null(Eta.SecondsLeft(1, 0, At(0), [], At(20)));
        Assert.Equal(0, Eta.SecondsLeft(3, 3, At(0), [(3, At(30))], At(40)));
        // Late on its estimate: never negative.
        Assert.Equal(0, Eta.SecondsLeft(1, 2, At(0), [(1, At(10))], At(100)));
    }

    [Fact]
    public void Progress_heartbeats_are_read_field_by_field_and_text_that_is_not_json_reads_as_nothing()
    {
        var reading = ProgressReading.Parse("""{"phase":"train","epoch":2,"epochs":5,"train_loss":"NaN","id_val":0.5,"extra":[1]}""");
        Assert.Equal(("train", 2, 5, 0.5), (reading.Phase, reading.Epoch, reading.Epochs, reading.IdVal));
        Assert.True(double.IsNaN(reading.TrainLoss!.Value));
        Assert.Equal(ProgressReading.None, ProgressReading.Parse("not json"));
        Assert.Equal(ProgressReading.None, ProgressReading.Parse(null));
        Assert.Equal(ProgressReading.None, ProgressReading.Parse("[1,2]"));
        Assert.Equal(new ProgressReading("setup", null, null, null, null), ProgressReading.Parse("""{"phase":"setup","epoch":"x"}"""));
    }

    [Fact]
    public void A_sweep_is_found_by_id_then_by_a_name_only_it_has_then_by_the_start_of_its_id()
    {
        var sweeps = new[] { Sweep("abc123def456", "digits"), Sweep("abd999000111", "grid"), Sweep("ff0011223344", "grid"), Sweep("012345678901", "abc") };

        Assert.Equal("abc123def456", SweepResolver.Resolve(sweeps, "abc123def456").Sweep?.Id);
        Assert.Equal("abc123def456", SweepResolver.Resolve(sweeps, "digits").Sweep?.Id);
        Assert.Equal("abd999000111", SweepResolver.Resolve(sweeps, "abd").Sweep?.Id);
        // A name wins over an id prefix: "abc" is the name of the last sweep, and a prefix of the first's id.
        Assert.Equal("012345678901", SweepResolver.Resolve(sweeps, "abc").Sweep?.Id);
        Assert.Equal("ff0011223344", SweepResolver.Resolve(sweeps, "FF00").Sweep?.Id);
    }

    [Fact]
    public void A_name_or_prefix_that_fits_several_sweeps_is_refused_with_the_candidates_and_an_unknown_one_says_so()
    {
        var sweeps = new[] { Sweep("abc123def456", "grid"), Sweep("abd999000111", "grid") };

        var byName = SweepResolver.Resolve(sweeps, "grid");
        Assert.True(byName.Ambiguous);
        Assert.Null(byName.Sweep);
        Assert.Contains("2 sweeps are named 'grid': abc123def456 (grid, submitted 2026-12-01 12:00), abd999000111", byName.Error);
        var byPrefix = SweepResolver.Resolve(sweeps, "ab");
        Assert.True(byPrefix.Ambiguous);
        Assert.Contains("2 sweep ids start with 'ab'", byPrefix.Error);
        var none = SweepResolver.Resolve(sweeps, "zzz");
        Assert.False(none.Ambiguous);
        Assert.Equal("no sweep 'zzz' (by id, name or start of id)", none.Error);
        Assert.Null(SweepResolver.Resolve(sweeps, "").Sweep);
    }

    private static StoredSweep Sweep(string id, string name) =>
        new(id, name, null, null, 0, 3, "active", T0, ImmutableSortedDictionary<string, int>.Empty);
}
