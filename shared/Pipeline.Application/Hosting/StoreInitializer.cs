using Microsoft.Extensions.Hosting;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Hosting;

/// <summary>Creates the store's collections and indexes before any consumer runs.</summary>
internal sealed class StoreInitializer(IPipelineStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
