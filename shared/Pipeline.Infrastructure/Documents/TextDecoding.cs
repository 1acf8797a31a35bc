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
        // Byte-order marks as raw bytes: a u8 string literal would UTF-8-encode "\xFF" as two bytes.
        ReadOnlySpan<byte> bytes = content;
        ReadOnlySpan<byte> utf8Bom = [0xEF, 0xBB, 0xBF];
        ReadOnlySpan<byte> utf16LeBom = [0xFF, 0xFE];
        ReadOnlySpan<byte> utf16BeBom = [0xFE, 0xFF];
        if (bytes.StartsWith(utf8Bom))
            bytes = bytes[3..];
        else if (bytes.StartsWith(utf16LeBom))
            return Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith(utf16BeBom))
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
            // Not UTF-8: many older pages are Latin-1. Accept it only if it looks like text: binary
            // decoded as Latin-1 is full of control characters (C0 and C1).
            var latin = Encoding.Latin1.GetString(bytes);
            var controls = latin.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
            if (controls > latin.Length * 0.10)
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
