using Pipeline.Domain.Reports;
using Pipeline.Infrastructure.Documents;

namespace Pipeline.Benchmarks;

/// <summary>The bundled samples (samples/reports) read as the pipeline reads them: HTML and PDF reduced to text, in file-name order.</summary>
internal static class BundledSamples
{
    public static ReportText[] Texts()
    {
        var folder = Path.Combine(RepoRoot.Path, "samples", "reports");
        var reader = new DocumentReader();
        return Directory.EnumerateFiles(folder)
            .Where(f => MediaTypes.FromFileName(f) is not null)
            .Order(StringComparer.Ordinal)
            .Select(f => reader.Read(Path.GetFileName(f), MediaTypes.FromFileName(f)!, File.ReadAllBytes(f)))
            .ToArray();
    }
}
