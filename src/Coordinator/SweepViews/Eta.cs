namespace Daft.Coordinator.SweepViews;

/// <summary>
/// The time a running job has left, from its epochs: the pace of the epochs it finished so far, times the epochs it has
/// left, minus the time since the last one ended. The pace is measured between the first and the last finished epoch
/// when there are two, so that the setup before training (data, BN conversion, LP's C sweep) does not count as an
/// epoch's time; with one finished epoch it is that epoch's time including the setup (an overestimate early on, which
/// the second epoch corrects). Unknown (null) until an epoch has finished. Pure: the status view and its tests call it.
/// </summary>
public static class Eta
{
    /// <param name="epoch">Epochs finished, as the latest heartbeat says.</param>
    /// <param name="epochs">Epochs planned.</param>
    /// <param name="startedAt">When this attempt started on its device.</param>
    /// <param name="milestones">When each epoch of this attempt ended (the ledger's progress events), any order.</param>
    /// <param name="now">The time the estimate is for.</param>
    public static double? SecondsLeft(int epoch, int epochs, DateTimeOffset? startedAt, IReadOnlyList<(int Epoch, DateTimeOffset At)> milestones,
        DateTimeOffset now)
    {
        if (epochs <= 0 || epoch < 1)
        {
            return null;
        }

        if (epoch >= epochs)
        {
            return 0;
        }

        var ended = milestones.Where(milestone => milestone.Epoch >= 1 && milestone.Epoch <= epoch).OrderBy(milestone => milestone.Epoch).ToList();
        double perEpoch;
        int lastEpoch;
        DateTimeOffset lastAt;
        if (ended.Count >= 2 && ended[^1].Epoch > ended[0].Epoch)
        {
            (lastEpoch, lastAt) = ended[^1];
            perEpoch = (lastAt - ended[0].At).TotalSeconds / (lastEpoch - ended[0].Epoch);
        }
        else if (startedAt is { } start)
        {
            // One milestone, or none recorded (the heartbeat that carried it was not a milestone): count from the start.
            (lastEpoch, lastAt) = ended.Count > 0 ? ended[^1] : (epoch, now);
            perEpoch = (lastAt - start).TotalSeconds / lastEpoch;
        }
        else
        {
            return null;
        }

        var left = (perEpoch * (epochs - lastEpoch)) - (now - lastAt).TotalSeconds;
        return Math.Max(0, left);
    }
}
