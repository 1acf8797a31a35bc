using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Hosting;

/// <summary>
/// Readiness of the store: one cheap read (the cluster sequence, a single row or document) that must
/// answer within <see cref="HealthProbeOptions.StoreTimeout"/>. An unreachable MongoDB, a locked LiteDB
/// file or any store error makes the worker unhealthy, so its probe file goes away with it.
/// </summary>
internal sealed class StoreHealthCheck(IPipelineStore store, IOptions<HealthProbeOptions> options) : IHealthCheck
{
    public const string Name = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.StoreTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // WaitAsync as well as the token: a driver that ignores cancellation still cannot hold the probe.
            await store.GetClusterSequenceAsync(deadline.Token).WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the store did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the store is unavailable: {e.Message}", e);
        }
    }
}
