using System.Text;
using BenchmarkDotNet.Attributes;
using Pipeline.Application.Hosting;
using Pipeline.Domain.Extraction;
using Pipeline.Domain.Reports;

namespace Pipeline.Benchmarks;

/// <summary>
/// Extraction throughput on the bundled samples (samples/reports), against a ceiling: one
/// single-literal IndexOf scan over the same text, the least any extractor that reads every character
/// must do. Documents are read as the pipeline reads them (HTML and PDF reduced to text by the
/// DocumentReader) before timing; only <see cref="IReportExtractor.Extract"/> is timed. MB/s counts
/// the UTF-8 bytes of the reduced text, per call on one thread, so it is also MB/s per core.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private ReportText[] _texts = [];
    private IReportExtractor _extractor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _texts = BundledSamples.Texts();
        _extractor = DomainServices.CreateExtractor();
        var bytes = _texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t.Body));
        ThroughputRegistry.Register(nameof(ExtractAllSamples), bytes);
        ThroughputRegistry.Register(nameof(IndexOfCeiling), bytes);
        Console.WriteLine($"// extraction corpus: {_texts.Length} documents, {bytes:N0} bytes of text");
    }

    /// <summary>Every sample through the real extractor, one after the other.</summary>
    [Benchmark]
    public int ExtractAllSamples()
    {
        var found = 0;
        foreach (var text in _texts)
            found += _extractor.Extract(text).Counts.Count;
        return found;
    }

    /// <summary>The ceiling: count one literal ("removed") in the same text with a vectorised IndexOf.</summary>
    [Benchmark(Baseline = true)]
    public int IndexOfCeiling()
    {
        var found = 0;
        foreach (var text in _texts)
        {
            var rest = text.Body.AsSpan();
            int at;
            while ((at = rest.IndexOf("removed", StringComparison.Ordinal)) >= 0)
            {
                found++;
                rest = rest[(at + 7)..];
            }
        }
        return found;
    }
}
