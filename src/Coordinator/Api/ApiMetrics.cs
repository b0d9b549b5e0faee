using Daft.Coordinator.Ledger;
using Prometheus;

namespace Daft.Coordinator.Api;

/// <summary>
/// The coordinator's Prometheus metrics (<c>GET /metrics</c>), in a registry of their own so that two coordinators in
/// one process (tests) do not share counters. Gauges are read when scraped: the devices, the queue and the jobs that
/// ended from the dispatcher, the jobs by state from the ledger (one query); the ledger write latency is observed by
/// <see cref="MeasuredLedger"/> as the dispatcher writes.
/// </summary>
public sealed class ApiMetrics
{
    public ApiMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        SweepJobs = factory.CreateGauge("daft_sweep_jobs", "Jobs of each sweep by state, from the ledger (a job in two sweeps counts in each).",
            "sweep_id", "sweep", "state");
        OpenJobs = factory.CreateGauge("daft_open_jobs", "Jobs the dispatcher holds (pending, leased or running), each counted once.");
        JobsEnded = factory.CreateCounter("daft_jobs_finished_total", "Jobs that ended since the coordinator started, by outcome (succeeded, failed, cancelled).",
            "outcome");
        Devices = factory.CreateGauge("daft_devices", "Devices of the live cluster by state (busy, idle, draining).", "state");
        Queue = factory.CreateGauge("daft_dispatch_queue_length", "Jobs ready to run, waiting for a device.");
        LedgerWrites = factory.CreateHistogram("daft_ledger_write_seconds", "Time of one ledger write transaction (a batch of the dispatcher's changes).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

        // Every known label value from the start, so that a rate() over them works before the first job ends.
        foreach (var outcome in Outcomes)
        {
            JobsEnded.WithLabels(outcome);
        }

        foreach (var state in DeviceStates)
        {
            Devices.WithLabels(state).Set(0);
        }
    }

    private static readonly string[] Outcomes = ["succeeded", "failed", "cancelled"];

    private static readonly string[] DeviceStates = ["busy", "idle", "draining"];

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public Gauge SweepJobs { get; }

    public Gauge OpenJobs { get; }

    public Counter JobsEnded { get; }

    public Gauge Devices { get; }

    public Gauge Queue { get; }

    public Histogram LedgerWrites { get; }

    /// <summary>Reads the gauges' values just before each scrape; a part that cannot be read keeps its last values.</summary>
    public void RefreshBeforeScrape(IJobLedger ledger, CoordinatorLink coordinator) => Registry.AddBeforeCollectCallback(async cancellation =>
    {
        try
        {
            foreach (var sweep in ledger.Sweeps())
            {
                foreach (var (state, count) in sweep.Counts)
                {
                    SweepJobs.WithLabels(sweep.Id, sweep.Name, state).Set(count);
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The ledger is down: /readyz says so; the last values stand.
        }

        try
        {
            var farm = await coordinator.DevicesAsync(cancellation);
            OpenJobs.Set(farm.Open);
            Queue.Set(farm.Ready);
            foreach (var state in DeviceStates)
            {
                Devices.WithLabels(state).Set(farm.Devices.Count(device => device.State == state));
            }

            foreach (var (outcome, count) in farm.Ended)
            {
                JobsEnded.WithLabels(outcome).IncTo(count);
            }
        }
        catch (Exception error) when (error is Akka.Actor.AskTimeoutException or TaskCanceledException)
        {
            // The dispatcher is not there yet (or moving): the last values stand.
        }
    });
}
