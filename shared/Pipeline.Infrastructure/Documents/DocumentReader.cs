using Pipeline.Domain.Reports;

namespace Pipeline.Infrastructure.Documents;

/// <summary>Turns a stored payload into the plain text the extractor reads, by media type.</summary>
public sealed class DocumentReader
{
    /// <summary>Longest text handed to the extractor; real reports are far shorter, garbage is not.</summary>
    public const int MaxTextLength = 2_000_000;

    public ReportText Read(string source, string mediaType, byte[] content, DateOnly? publishedOn = null)
    {
        if (content.Length == 0)
            throw new MalformedDocumentException("empty document");

        var (title, body, statedDate) = MediaTypes.Normalise(mediaType) switch
        {
            MediaTypes.Html => HtmlText.Extract(TextDecoding.Decode(content)),
            MediaTypes.Pdf => PdfText.Extract(content),
            MediaTypes.Text or MediaTypes.Markdown => PlainText.Extract(TextDecoding.Decode(content)),
            var other => throw new MalformedDocumentException($"unsupported media type '{other}'"),
        };

        body = TextDecoding.StripControlCharacters(body).Trim();
        if (body.Length == 0)
            throw new MalformedDocumentException("document has no text");
        if (body.Length > MaxTextLength)
            throw new MalformedDocumentException($"document text is {body.Length:N0} characters, over the {MaxTextLength:N0} limit");
        return new ReportText(source, title, body, publishedOn ?? statedDate);
    }
}
