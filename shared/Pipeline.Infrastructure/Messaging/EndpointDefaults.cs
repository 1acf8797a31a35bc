using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Documents;

namespace Pipeline.Infrastructure.Messaging;

/// <summary>What every pipeline receive endpoint shares: durable quorum queues, bounded retries, a store-outage breaker, concurrency.</summary>
public static class EndpointDefaults
{
    public static void ApplyPipelineDefaults(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context, int? concurrentMessageLimit = null)
    {
        var options = context.GetRequiredService<IOptions<BusOptions>>().Value;

        // Quorum queues replicate across a cluster and survive broker restarts; on one node they
        // behave like durable classic queues.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();

        // Transient faults (store briefly unavailable, a broker hiccup on publish) are retried with backoff in
        // memory; after that MassTransit moves the message to <queue>_error with fault headers. Malformed
        // documents and extractor faults are recorded as failed inside the consumer, and lost cluster commits
        // are recomputed by the deduplicator itself, so neither reaches this policy.
        // A store outage that outlasts the retries is not the message's fault: the breaker returns the
        // message to its queue and, past its trip threshold, stops the endpoint for a while (StoreOutageBreaker).
        endpoint.UseStoreOutageBreaker(context, options);
        endpoint.UseMessageRetry(retry =>
        {
            retry.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
            retry.Ignore<MalformedDocumentException>();
        });

        var limit = concurrentMessageLimit ?? options.ConcurrentMessageLimit;
        endpoint.ConcurrentMessageLimit = limit;
        // Left to MassTransit, the prefetch follows the concurrency limit: a one-at-a-time stage (the
        // deduplicator, the publisher) would then wait a broker round trip after every ack before its next
        // message arrives. A few messages in hand keep it busy; unacknowledged ones return to the queue if
        // the worker dies, and the consumers are idempotent.
        endpoint.PrefetchCount = Math.Max(MinimumPrefetch, 2 * limit);
    }

    /// <summary>The same prefetch the raw-client baseline in `pipeline bench` uses.</summary>
    public const int MinimumPrefetch = 16;
}
