using System.Text;

namespace Pipeline.Infrastructure.Documents;

internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// UTF-8 (with or without BOM), else UTF-16 by BOM, else Windows-1252-like Latin-1. Content with NUL
    /// bytes and no UTF-16 BOM is binary, not text.
    /// </summary>
    public static string Decode(byte[] content)
    {
        ReadOnlySpan<byte> bytes = content;
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
            bytes = bytes[3..];
        else if (bytes.StartsWith("\xFF\xFE"u8))
            return Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith("\xFE\xFF"u8))
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);

        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        if (sample.Contains((byte)0))
            throw new MalformedDocumentException("binary content (NUL bytes) in a text document");

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: many older pages are Latin-1. Accept it only if it looks like text.
            var latin = Encoding.Latin1.GetString(bytes);
            var printable = latin.Count(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
            if (printable < latin.Length * 0.95)
                throw new MalformedDocumentException("content is neither UTF-8 nor readable Latin-1 text");
            return latin;
        }
    }

    /// <summary>Drops control characters other than line breaks and tabs, which confuse sentence splitting.</summary>
    public static string StripControlCharacters(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u0008') && !text.AsSpan().ContainsAnyInRange('\u000B', '\u001F') && !text.Contains('\u007F'))
            return text;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t')
                builder.Append(c);
            else if (c == '\r')
                continue;
            else if (!char.IsControl(c))
                builder.Append(c);
        }
        return builder.ToString();
    }
}
