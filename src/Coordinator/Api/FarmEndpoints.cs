using Akka.Actor;
using Daft.Coordinator.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Daft.Coordinator.Api.SweepEndpoints;

namespace Daft.Coordinator.Api;

/// <summary>
/// The probes, the live cluster and single jobs. <c>/healthz</c>: the process answers (a liveness probe restarts it
/// otherwise). <c>/readyz</c>: the ledger answers a query and this coordinator is an Up member of its cluster (a
/// readiness probe keeps traffic away until then). <c>/api/nodes</c>: the dispatcher's devices, their jobs labelled
/// from the ledger. <c>/api/jobs/{id}</c>: a job with its history and result.
/// </summary>
internal static class FarmEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IJobLedger ledger, CoordinatorLink coordinator)
    {
        app.MapGet("/healthz", () => Json(new { status = "alive" }));
        app.MapGet("/readyz", () =>
        {
            string ledgerState;
            try
            {
                _ = ledger.Sweep("");
                ledgerState = "ok";
            }
            catch (Exception error)
            {
                ledgerState = $"unreachable: {error.Message}";
            }

            var ready = ledgerState == "ok" && coordinator.IsUp;
            return Json(new { ready, ledger = ledgerState, cluster = coordinator.MemberStatus },
                ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/api/nodes", async Task<IResult> (CancellationToken cancellation) =>
        {
            try
            {
                var farm = await coordinator.DevicesAsync(cancellation);
                return Json(NodesView.Of(farm, ledger.Job));
            }
            catch (AskTimeoutException)
            {
                return Json(new ApiError($"the dispatcher did not answer within {CoordinatorLink.AskTimeout.TotalSeconds:0} s (the coordinator is starting, or its singleton is moving)"),
                    StatusCodes.Status503ServiceUnavailable);
            }
        });
        app.MapGet("/api/jobs/{id}", (string id) => ledger.Job(id) is { } job
            ? Json(JobView.Of(job, ledger.Events(id), ledger.Result(id)))
            : Json(new ApiError($"no job {id} in the ledger"), StatusCodes.Status404NotFound));
    }
}
