using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Infrastructure.Messaging;

/// <summary>
/// What an endpoint does while the store is down for longer than the in-memory retries last:
/// <list type="bullet">
/// <item>a message whose retries all failed with <see cref="StoreUnavailableException"/> is returned to its
/// queue (negative acknowledgement with requeue) instead of being moved to <c>_error</c>: the message is
/// fine, the store is not;</item>
/// <item>MassTransit's kill switch, counting only store-unavailable failures, stops the receive endpoint
/// when they pass the trip threshold and starts it again after the restart timeout, so the backlog waits
/// in the broker rather than spinning through retries; each stop and restart is logged.</item>
/// </list>
/// </summary>
public static class StoreOutageBreaker
{
    /// <summary>Logged (Warning) when the breaker stops an endpoint; tests and operators look for it.</summary>
    public const string TrippedEvent = "Breaker tripped";

    /// <summary>Logged (Information) when the breaker starts a stopped endpoint again (it trips again at once if the store is still down).</summary>
    public const string RestartedEvent = "Breaker restarted";

    public static void UseStoreOutageBreaker(this IReceiveEndpointConfigurator endpoint, IServiceProvider services, BusOptions options)
    {
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger(typeof(StoreOutageBreaker).FullName!);

        endpoint.UseKillSwitch(kill =>
        {
            kill.ActivationThreshold = options.BreakerActivationThreshold;
            kill.TripThreshold = options.BreakerTripThreshold;
            kill.TrackingPeriod = options.BreakerTrackingPeriod;
            kill.RestartTimeout = options.BreakerRestartTimeout;
            // A poison message or a bug must not pause the endpoint: those go to _error as before.
            kill.SetExceptionFilter(filter => filter.Handle<StoreUnavailableException>());
        });
        endpoint.ConnectReceiveEndpointObserver(new BreakerLog(logger, options.BreakerRestartTimeout, services.GetService<IHostApplicationLifetime>()));

        // Configuring the error pipe replaces MassTransit's default, so the default (fault event, then
        // the _error queue) is added back after the filter.
        endpoint.ConfigureError(error => error.UseFilter(new ReturnWhileStoreUnavailableFilter(logger)));
        endpoint.ConfigureDefaultErrorTransport();
    }

    /// <summary>The store-unavailable exception a failure carries, if any (directly, wrapped or aggregated).</summary>
    public static StoreUnavailableException? StoreUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is StoreUnavailableException unavailable)
                return unavailable;
            if (current is AggregateException aggregate)
                return aggregate.InnerExceptions.Select(StoreUnavailable).FirstOrDefault(e => e is not null);
        }
        return null;
    }

    /// <summary>First in the error pipe: a store outage (or a consume cancelled because the endpoint is stopping) returns the message to its queue.</summary>
    private sealed class ReturnWhileStoreUnavailableFilter(ILogger logger) : IFilter<ExceptionReceiveContext>
    {
        public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
        {
            var stopping = context.Exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested;
            if (StoreUnavailable(context.Exception) is null && !stopping)
                return next.Send(context);

            logger.LogWarning("Message {MessageId} returned to {Queue}: {Reason}", context.GetMessageId(), context.InputAddress.AbsolutePath.Split('/')[^1],
                stopping ? "the endpoint is stopping" : "the store is still unavailable after the retries");
            // Thrown past the error pipe, the transport negatively acknowledges the delivery with requeue.
            ExceptionDispatchInfo.Capture(context.Exception).Throw();
            return Task.CompletedTask; // not reached
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("returnWhileStoreUnavailable");
    }

    /// <summary>Logs the breaker's stops and restarts (the endpoint's own stop at shutdown is not one).</summary>
    private sealed class BreakerLog(ILogger logger, TimeSpan restartTimeout, IHostApplicationLifetime? lifetime) : IReceiveEndpointObserver
    {
        private int _stopped;

        public Task Ready(ReceiveEndpointReady ready)
        {
            if (Interlocked.Exchange(ref _stopped, 0) == 1)
                logger.LogInformation(RestartedEvent + ": {Queue} consumes again", Queue(ready.InputAddress));
            return Task.CompletedTask;
        }

        public Task Stopping(ReceiveEndpointStopping stopping)
        {
            if (lifetime?.ApplicationStopping.IsCancellationRequested == true)
                return Task.CompletedTask;
            if (Interlocked.Exchange(ref _stopped, 1) == 0)
            {
                logger.LogWarning(TrippedEvent + ": {Queue} stops consuming for {RestartTimeout} because the store is unavailable; its messages wait in the queue",
                    Queue(stopping.InputAddress), restartTimeout);
            }
            return Task.CompletedTask;
        }

        public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

        public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

        private static string Queue(Uri address) => address.AbsolutePath.Split('/')[^1];
    }
}
