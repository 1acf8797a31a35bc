namespace Pipeline.Domain.Reports;

/// <summary>
/// Why a value was extracted: the sentence it was read from (span into the report text and a
/// copy of the sentence, so a reader sees the reason without the original document).
/// </summary>
/// <remarks>
/// The extractor creates evidence with <see cref="Of"/>: the quote is copied out of the report text when it is first
/// read (most evidence of a report is never read before the report is serialized, and some never is: counts set aside
/// as another network's), so until then the evidence holds the text. Equality, hashing, printing, deconstruction and
/// <c>with</c> behave as for <c>record Evidence(TextSpan Sentence, string Quote)</c>: on the sentence and the quote.
/// </remarks>
public sealed record Evidence
{
    /// <summary>The report text the quote is cut from on first read; null once the quote is given.</summary>
    private readonly string? _text;
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
        // Two threads may both cut the quote; they cut equal strings, and either may be kept.
        get => _quote ?? (_text is null ? _quote! : _quote = Sentence.Slice(_text));
        init
        {
            _quote = value;
            _text = null;
        }
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
