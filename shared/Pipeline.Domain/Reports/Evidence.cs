namespace Pipeline.Domain.Reports;

/// <summary>
/// Why a value was extracted: the sentence it was read from (span into the report text and a
/// copy of the sentence, so a reader sees the reason without the original document).
/// </summary>
/// <remarks>
/// The extractor creates evidence with <see cref="Of"/>: the quote is copied out of the report text when it is first
/// read (no evidence of a report is read before the report is serialized, and some never is: counts set aside as
/// another network's), so until then the evidence holds the text, and lets go of it once the quote is cut. Equality,
/// hashing, printing, deconstruction and <c>with</c> behave as for <c>record Evidence(TextSpan Sentence, string Quote)</c>:
/// on the sentence and the quote.
/// </remarks>
public sealed record Evidence
{
    /// <summary>The report text the quote is cut from on first read; null once the quote is cut or given.</summary>
    private string? _text;
    private string? _quote;

    public Evidence(TextSpan Sentence, string Quote)
    {
        this.Sentence = Sentence;
        _quote = Quote;
    }

    private Evidence(TextSpan sentence, string text, bool _)
    {
        Sentence = sentence;
        _text = text;
    }

    /// <summary>A copy (<c>with</c>) keeps the quote of the original, as a positional record's would.</summary>
    private Evidence(Evidence original)
    {
        Sentence = original.Sentence;
        _quote = original.Quote;
    }

    /// <summary>Evidence for the sentence <paramref name="sentence"/> of <paramref name="text"/>, its quote cut out when first read.</summary>
    public static Evidence Of(TextSpan sentence, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Evidence(sentence, text, true);
    }

    public TextSpan Sentence { get; init; }

    public string Quote
    {
        get => Volatile.Read(ref _quote) ?? Cut();
        init
        {
            _quote = value;
            _text = null;
        }
    }

    /// <summary>
    /// Cuts the quote from the text and lets go of the text. Two threads may both cut it (equal strings, either kept); the
    /// quote is published before the text is dropped, so a thread that finds no text finds the quote.
    /// </summary>
    private string Cut()
    {
        if (Volatile.Read(ref _text) is not { } text)
            return Volatile.Read(ref _quote)!;
        var quote = Sentence.Slice(text);
        Volatile.Write(ref _quote, quote);
        Volatile.Write(ref _text, null);
        return quote;
    }

    public void Deconstruct(out TextSpan Sentence, out string Quote)
    {
        Sentence = this.Sentence;
        Quote = this.Quote;
    }

    public bool Equals(Evidence? other) =>
        ReferenceEquals(this, other) || (other is not null && Sentence == other.Sentence && string.Equals(Quote, other.Quote, StringComparison.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Sentence, Quote);
}
