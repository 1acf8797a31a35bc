using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Messaging;
using RabbitMQ.Client;

namespace Pipeline.Application.Hosting;

/// <summary>
/// Readiness of the broker, from one small connection of the worker's own. MassTransit's endpoint health
/// learns of a lost connection through the channel's shutdown notice, which RabbitMQ.Client 7 queues behind
/// the deliveries already prefetched (MassTransit issue #5705): a worker holding a backlog stayed "ready"
/// through a whole broker outage. This connection's state changes the moment the broker closes or drops it.
/// While it is down, each check tries once to reconnect, within <see cref="HealthProbeOptions.StoreTimeout"/>.
/// </summary>
internal sealed class BrokerHealthCheck(IOptions<BusOptions> bus, IOptions<HealthProbeOptions> probe) : IHealthCheck, IAsyncDisposable
{
    public const string Name = "broker";

    private readonly SemaphoreSlim _turn = new(1, 1);
    private IConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true })
                return HealthCheckResult.Healthy();
            var lost = _connection?.CloseReason?.ReplyText;
            await DropAsync();
            var timeout = probe.Value.StoreTimeout;
            var factory = new ConnectionFactory
            {
                Uri = new Uri(bus.Value.RabbitMqUri!),
                ClientProvidedName = "pipeline-health",
                RequestedConnectionTimeout = timeout,
                AutomaticRecoveryEnabled = false, // a lost connection is replaced by the next check
            };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            _connection = await factory.CreateConnectionAsync(deadline.Token).WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy(lost is null ? null : $"reconnected after: {lost}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the broker is unreachable: {e.Message}", e);
        }
        finally
        {
            _turn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _turn.Dispose();
    }

    private async Task DropAsync()
    {
        if (_connection is null)
            return;
        try
        {
            await _connection.DisposeAsync();
        }
        catch (Exception)
        {
            // A connection that is already gone has nothing left to release.
        }
        _connection = null;
    }
}
