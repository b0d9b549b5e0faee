using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Tests.Farm;

/// <summary>Sweep plans of real, tiny jobs (<see cref="TinySweep"/>) for the farm's actor tests.</summary>
internal static class FarmPlans
{
    public static SweepPlan Plan(string name, int jobs) => TinySweep.Plan(name, jobs);
}
