using System.Collections.Concurrent;
using MassTransit;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>A consume observer for one host: how many messages of each type its consumers finished.</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Type, int> _consumed = new();

    public int Consumed<T>() => _consumed.GetValueOrDefault(typeof(T));

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _consumed.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
