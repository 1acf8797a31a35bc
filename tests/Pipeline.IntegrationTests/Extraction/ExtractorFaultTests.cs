using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Fetching;
using Pipeline.Application.Hosting;
using Pipeline.Domain.Extraction;
using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Storage;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Extraction;

/// <summary>
/// An extractor bug on one text must not cost the report: it is recorded as failed with the reason, at
/// once (retrying a pure function cannot help), and the next report goes through.
/// </summary>
public sealed class ExtractorFaultTests
{
    private const string Trigger = "TRIGGER-EXTRACTOR-BUG";

    /// <summary>The real extractor, except that it throws on texts holding <see cref="Trigger"/>.</summary>
    private sealed class BuggyExtractor : IReportExtractor
    {
        private readonly IReportExtractor _real = DomainServices.CreateExtractor();
        public int Calls;

        public string Version => _real.Version;

        public ExtractedReport Extract(ReportText report)
        {
            Interlocked.Increment(ref Calls);
            return report.Body.Contains(Trigger, StringComparison.Ordinal)
                ? throw new ArgumentOutOfRangeException("start", "a reader indexed past its sentence")
                : _real.Extract(report);
        }
    }

    [Fact]
    public async Task A_report_the_extractor_throws_on_is_recorded_failed_with_the_reason_and_is_not_retried()
    {
        using var temp = new TempDirectory();
        var extractor = new BuggyExtractor();
        using var host = WorkerHost.Create(PipelineRoles.All, new Uri("amqp://unused/"), temp.File("pipeline.db"),
            extra: [new("Bus:Transport", "InMemory")],
            services: s => s.AddSingleton<IReportExtractor>(extractor));
        await host.StartAsync();
        try
        {
            using var scope = host.Services.CreateScope();
            var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
            var store = host.Services.GetRequiredService<IPipelineStore>();
            var broken = await ingestor.IngestAsync(Document("broken.txt", $"Facebook removed 12 accounts from Iran. {Trigger}"), CancellationToken.None);
            var fine = await ingestor.IngestAsync(Document("fine.txt", "Facebook removed 12 accounts from Iran that targeted Israel."), CancellationToken.None);

            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            ReportRecord? failed = null, clustered = null;
            while (DateTime.UtcNow < deadline && (failed?.State != ReportState.Failed || clustered?.State != ReportState.Clustered))
            {
                await Task.Delay(100);
                failed = await store.GetReportAsync(broken.ReportId);
                clustered = await store.GetReportAsync(fine.ReportId);
            }

            Assert.Equal(ReportState.Failed, failed?.State);
            Assert.Equal("extract", failed!.FailedStage);
            Assert.Contains("ArgumentOutOfRangeException", failed.Error);
            Assert.Equal(extractor.Version, failed.ExtractorVersion); // so `reprocess` with a fixed extractor re-reads it
            Assert.Equal(ReportState.Clustered, clustered?.State);
            Assert.Equal(2, extractor.Calls); // once each: the failure was not retried
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static FetchedDocument Document(string source, string text) =>
        new(source, "text/plain", Encoding.UTF8.GetBytes($"Report\n\nMarch 12, 2020\n\n{text}\n"));
}
