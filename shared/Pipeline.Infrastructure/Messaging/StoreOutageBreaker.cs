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
/// <item>a breaker counting consume attempts and store-unavailable failures stops the receive endpoint once
/// those failures reach <see cref="BusOptions.BreakerTripThreshold"/> percent of more than
/// <see cref="BusOptions.BreakerActivationThreshold"/> attempts within a <see cref="BusOptions.BreakerTrackingPeriod"/>,
/// and starts it again after <see cref="BusOptions.BreakerRestartTimeout"/>; the backlog waits in the broker
/// meanwhile. Restarted, the first store failure stops it again, the first success closes it.</item>
/// </list>
/// This is MassTransit's kill switch (same stop and start of the receive endpoint, same settings), written
/// out because MassTransit 8's arms its tracking window only after a first restart: until then it compares
/// failures with every attempt since the process started, so a worker that had processed a few thousand
/// messages would never trip.
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
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;

        endpoint.ConnectReceiveEndpointObserver(new Breaker(options, logger, clock, services.GetService<IHostApplicationLifetime>()));

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

            logger.LogWarning("Message {MessageId} returned to {Queue}: {Reason}", context.GetMessageId(), QueueOf(context.InputAddress),
                stopping ? "the endpoint is stopping" : "the store is still unavailable after the retries");
            // Thrown past the error pipe, the transport negatively acknowledges the delivery with requeue.
            ExceptionDispatchInfo.Capture(context.Exception).Throw();
            return Task.CompletedTask; // not reached
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("returnWhileStoreUnavailable");
    }

    private static string QueueOf(Uri address) => address.AbsolutePath.Split('/')[^1];

    /// <summary>One per receive endpoint: counts every consume attempt (each retry is one) and stops or starts the endpoint.</summary>
    private sealed class Breaker(BusOptions options, ILogger logger, TimeProvider clock, IHostApplicationLifetime? lifetime) : IReceiveEndpointObserver, IConsumeObserver
    {
        private enum State { Closed, Open, HalfOpen }

        private readonly Lock _lock = new();
        private IReceiveEndpoint? _endpoint;
        private ConnectHandle? _observing;
        private State _state = State.Closed;
        private DateTimeOffset _windowStart;
        private int _attempts;
        private int _failures;
        private ITimer? _restart;

        public Task Ready(ReceiveEndpointReady ready)
        {
            lock (_lock)
            {
                _endpoint = ready.ReceiveEndpoint;
                _observing ??= ready.ReceiveEndpoint.ConnectConsumeObserver(this);
                _windowStart = clock.GetUtcNow();
            }
            return Task.CompletedTask;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            lock (_lock)
            {
                Count(failed: false);
                if (_state == State.HalfOpen)
                    _state = State.Closed; // the store answers again
            }
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            var unavailable = StoreUnavailable(exception) is not null;
            lock (_lock)
            {
                Count(unavailable);
                var trip = unavailable && _state switch
                {
                    State.HalfOpen => true,
                    State.Closed => _attempts > options.BreakerActivationThreshold && _failures * 100L >= (long)options.BreakerTripThreshold * _attempts,
                    _ => false,
                };
                if (!trip)
                    return Task.CompletedTask;
                logger.LogWarning(TrippedEvent + ": {Queue} stops consuming for {RestartTimeout} ({Failures} of {Attempts} attempts found the store unavailable); its messages wait in the queue",
                    QueueOf(context.ReceiveContext.InputAddress), options.BreakerRestartTimeout, _failures, _attempts);
                _state = State.Open;
            }
            // Not awaited: stopping waits for the messages in flight, this one among them.
            _ = Task.Run(StopAsync);
            return Task.CompletedTask;
        }

        /// <summary>Counts one attempt in the current window, starting a new window once the period has passed.</summary>
        private void Count(bool failed)
        {
            var now = clock.GetUtcNow();
            if (now - _windowStart >= options.BreakerTrackingPeriod)
            {
                _windowStart = now;
                _attempts = 0;
                _failures = 0;
            }
            _attempts++;
            if (failed)
                _failures++;
        }

        private async Task StopAsync()
        {
            var endpoint = _endpoint!;
            try
            {
                await endpoint.Stop();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Breaker could not stop {Queue}", QueueOf(endpoint.InputAddress));
            }
            lock (_lock)
            {
                _restart?.Dispose();
                _restart = clock.CreateTimer(_ => _ = Task.Run(RestartAsync), null, options.BreakerRestartTimeout, Timeout.InfiniteTimeSpan);
            }
        }

        private async Task RestartAsync()
        {
            var endpoint = _endpoint!;
            if (lifetime?.ApplicationStopping.IsCancellationRequested == true)
                return; // shutting down: the endpoint stays stopped
            lock (_lock)
            {
                _state = State.HalfOpen;
                _windowStart = clock.GetUtcNow();
                _attempts = 0;
                _failures = 0;
            }
            try
            {
                await endpoint.Start().Ready;
                logger.LogInformation(RestartedEvent + ": {Queue} consumes again", QueueOf(endpoint.InputAddress));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Breaker could not restart {Queue}; trying again in {RestartTimeout}", QueueOf(endpoint.InputAddress), options.BreakerRestartTimeout);
                lock (_lock)
                {
                    _restart?.Dispose();
                    _restart = clock.CreateTimer(_ => _ = Task.Run(RestartAsync), null, options.BreakerRestartTimeout, Timeout.InfiniteTimeSpan);
                }
            }
        }

        public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

        public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

        public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
    }
}
