using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Pipeline.Infrastructure.Documents;

/// <summary>PDF text in reading order, a line break per text line, a blank line per page.</summary>
internal static class PdfText
{
    /// <summary>Pages beyond this are ignored: reports are short, hostile files are not.</summary>
    private const int MaxPages = 500;

    public static (string? Title, string Body, DateOnly? PublishedOn) Extract(byte[] content)
    {
        if (content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8) < 0)
            throw new MalformedDocumentException("not a PDF (no %PDF- header)");
        try
        {
            using var pdf = PdfDocument.Open(content);
            var text = new StringBuilder();
            foreach (var page in pdf.GetPages().Take(MaxPages))
            {
                text.AppendLine(ContentOrderTextExtractor.GetText(page));
                text.AppendLine();
            }
            var title = pdf.Information.Title;
            var body = text.ToString();
            if (string.IsNullOrWhiteSpace(title))
                title = PlainText.Extract(body).Title;
            return (title, body, null);
        }
        catch (Exception e) when (e is not MalformedDocumentException and not OutOfMemoryException)
        {
            throw new MalformedDocumentException($"unreadable PDF: {e.Message}", e);
        }
    }
}
