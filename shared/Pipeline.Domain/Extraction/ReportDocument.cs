using System.Runtime.InteropServices;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>What a sentence is about, as far as the rules need to know before reading it.</summary>
[Flags]
internal enum SentenceFlags
{
    None = 0,
    /// <summary>About an earlier takedown ("previously", "last year", "since 2017 … in total").</summary>
    Historical = 1,
    /// <summary>About a different network ("Separately, we removed …").</summary>
    SeparateNetwork = 2,
    /// <summary>Compares with another operation ("similar to Secondary Infektion").</summary>
    Comparison = 4,
    /// <summary>Says something was removed, suspended, terminated …</summary>
    Takedown = 8,
    /// <summary>Holds a sum of money: a "$" sign, "dollars", "USD".</summary>
    Money = 16,
    /// <summary>In a passage about another network of a multi-network report (see <see cref="NetworkFocus"/>).</summary>
    OtherNetwork = 32,
    /// <summary>About an amplifier set beside the core network ("a spammier set of 200,000 accounts").</summary>
    AuxiliarySet = 64,
    /// <summary>Says assets were found or identified, not removed.</summary>
    NotRemoved = 128,
    /// <summary>Sums an audience across platforms.</summary>
    CrossPlatform = 256,
    /// <summary>Historical only by a recent-past phrase ("last month"): see <see cref="ReportDocument.KeepRecentPast"/>.</summary>
    RecentPast = 512,
}

/// <summary>Answers about a sentence that several readers ask for: see <see cref="ReportDocument.Remember"/>.</summary>
internal enum SentenceFact
{
    SetInEarlierYear,
    HasRemover,
    RemovesAssets,
}

/// <summary>
/// One report under extraction: its text, sentences, the phrases found in it, and per-sentence
/// evidence created on first use. Lives for one <c>Extract</c> call.
/// </summary>
internal sealed class ReportDocument
{
    private readonly List<Mention> _mentions;
    private readonly int[] _from;
    private readonly int[] _to;
    private readonly Evidence?[] _evidence;

    public ReportDocument(string text, KnowledgeIndex index, List<Mention> mentions, List<TextSpan> sentences)
    {
        Text = text;
        Index = index;
        _mentions = mentions;
        Sentences = sentences;
        _evidence = new Evidence?[sentences.Count];
        _from = new int[sentences.Count];
        _to = new int[sentences.Count];
        Flags = new SentenceFlags[sentences.Count];
        _kinds = new ulong[sentences.Count];
        var m = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            while (m < mentions.Count && mentions[m].Start < sentences[s].Start)
                m++; // mentions in the whitespace between sentences belong to none
            _from[s] = m;
            while (m < mentions.Count && mentions[m].Start < sentences[s].End)
                m++;
            _to[s] = m;
            _kinds[s] = KindsOf(MentionsIn(s));
            if ((_kinds[s] & CueBits) != 0)
                Flags[s] = FlagsOf(MentionsIn(s), sentences[s].End); // only cues set flags
        }
        KeepRecentPast();
        MarkDollarSigns();
        Blocks = BlocksOf(text, sentences);
    }

    /// <summary>
    /// The block (paragraph, list item, heading, table row) each sentence belongs to: blank lines, list
    /// markers and headings start blocks.
    /// </summary>
    public int[] Blocks { get; }

    private static int[] BlocksOf(string text, List<TextSpan> sentences)
    {
        var blocks = new int[sentences.Count];
        var block = 0;
        for (var s = 1; s < sentences.Count; s++)
        {
            var gap = text.AsSpan(sentences[s - 1].End, sentences[s].Start - sentences[s - 1].End);
            var blank = gap.IndexOf('\n') is var nl and >= 0 && gap[(nl + 1)..].Contains('\n');
            if (blank || StartsBlock(text, sentences[s].Start) || text[sentences[s - 1].Start] == '#')
                block++;
            blocks[s] = block;
        }
        return blocks;
    }

    private static bool StartsBlock(string text, int start)
    {
        var c = text[start];
        if (c is '#' or '|' or '•' || (c is '-' or '*' && start + 1 < text.Length && text[start + 1] == ' '))
            return true;
        var i = start;
        while (i < text.Length && char.IsDigit(text[i]))
            i++;
        return i > start && i + 1 < text.Length && text[i] is '.' or ')' && text[i + 1] == ' ';
    }

    private void MarkDollarSigns()
    {
        var s = 0;
        for (var at = Text.IndexOf('$'); at >= 0; at = Text.IndexOf('$', at + 1))
        {
            while (s < Sentences.Count && Sentences[s].End <= at)
                s++;
            if (s == Sentences.Count)
                return;
            if (Sentences[s].Start <= at)
                Flags[s] |= SentenceFlags.Money;
        }
    }

    public string Text { get; }
    public KnowledgeIndex Index { get; }
    public List<TextSpan> Sentences { get; }
    public SentenceFlags[] Flags { get; }
    /// <summary>The document's own date, to resolve year-less dates and tell old events from the report's.</summary>
    public DateOnly? Date { get; set; }
    /// <summary>Per sentence, which date cues it holds (see <see cref="DateReader"/>), computed on first use.</summary>
    public byte[]? DateHints { get; set; }
    /// <summary>The platform the document reports for (index into the platforms), or -1.</summary>
    public int ReportingPlatform { get; set; } = -1;

    public ReadOnlySpan<Mention> AllMentions => CollectionsMarshal.AsSpan(_mentions);

    /// <summary>The mentions that start inside [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public ReadOnlySpan<Mention> MentionsBetween(int start, int end)
    {
        int lo = 0, hi = _mentions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_mentions[mid].Start < start)
                lo = mid + 1;
            else
                hi = mid;
        }
        var to = lo;
        while (to < _mentions.Count && _mentions[to].Start < end)
            to++;
        return CollectionsMarshal.AsSpan(_mentions).Slice(lo, to - lo);
    }

    public ReadOnlySpan<Mention> MentionsIn(int sentence) =>
        CollectionsMarshal.AsSpan(_mentions).Slice(_from[sentence], _to[sentence] - _from[sentence]);

    /// <summary>The sentence holding <paramref name="position"/>, or -1 when it falls between sentences.</summary>
    public int SentenceAt(int position)
    {
        int lo = 0, hi = Sentences.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Sentences[mid].End <= position)
                lo = mid + 1;
            else if (Sentences[mid].Start > position)
                hi = mid - 1;
            else
                return mid;
        }
        return -1;
    }

    public bool Has(int sentence, SentenceFlags flag) => (Flags[sentence] & flag) != 0;

    /// <summary>Per sentence, a bit per mention kind and per cue kind it holds (see <see cref="KindBit"/>).</summary>
    private readonly ulong[] _kinds;

    /// <summary>
    /// Whether the sentence holds a mention of any of the kinds in <paramref name="kinds"/> (built with
    /// <see cref="KindBit"/>): lets a reader pass over the many sentences that hold nothing it reads.
    /// </summary>
    public bool HasAny(int sentence, ulong kinds) => (_kinds[sentence] & kinds) != 0;

    /// <summary>The bit of a mention kind; cues have one bit per cue kind instead (<see cref="KindBit(CueKind)"/>).</summary>
    public static ulong KindBit(MentionKind kind) => 1UL << (int)kind;

    /// <summary>Every cue kind's bit.</summary>
    private const ulong CueBits = ~((1UL << ((int)MentionKind.Cue + 1)) - 1);

    public static ulong KindBit(CueKind cue) => 1UL << ((int)MentionKind.Cue + 1 + (int)cue); // 12 kinds + 18 cues: room to spare

    private static ulong KindsOf(ReadOnlySpan<Mention> mentions)
    {
        var kinds = 0UL;
        foreach (var m in mentions)
            kinds |= m.Kind == MentionKind.Cue ? KindBit(m.Cue) : KindBit(m.Kind);
        return kinds;
    }

    /// <summary>Per sentence, two bits per fact: known, and its answer.</summary>
    private byte[]? _facts;

    /// <summary>
    /// A fact about a sentence, computed once: the count, presence and date readers ask some of the same questions of
    /// the same sentences, and each answer depends only on the text, its mentions and the document's date.
    /// </summary>
    public bool Remember(int sentence, SentenceFact fact, Func<ReportDocument, int, bool> compute)
    {
        var facts = _facts ??= new byte[Sentences.Count];
        var known = (byte)(1 << (2 * (int)fact));
        var yes = (byte)(known << 1);
        if ((facts[sentence] & known) == 0)
            facts[sentence] |= (byte)(known | (compute(this, sentence) ? yes : 0));
        return (facts[sentence] & yes) != 0;
    }

    public Evidence EvidenceFor(int sentence) =>
        _evidence[sentence] ??= new Evidence(Sentences[sentence], Sentences[sentence].Slice(Text));

    public string Slice(int start, int end) => Text[start..end];

    /// <summary>At most this many words (numbers, places, fillers) between "other" and its network noun.</summary>
    private const int MaxOtherNetworkGap = 4;

    /// <summary>
    /// "other networks", "two other, unrelated networks", "a separate and much smaller China-based operation",
    /// "the other four operations": the modifier is followed, across a few numbers, fillers and places, by a
    /// network noun; or "the other," stands alone for one. "other countries", "a different audience" are not.
    /// </summary>
    private bool NamesOtherNetwork(Mention modifier, ReadOnlySpan<Mention> mentions, int limit)
    {
        var text = Text;
        var pos = modifier.End;
        if (pos < limit && text[pos] is ',' or ';' && modifier.Start >= 4 && text.AsSpan(modifier.Start - 4, 4).Equals("the ", StringComparison.OrdinalIgnoreCase))
            return true; // "Facebook said the other, which it tied to …": "the other" stands for another network
        for (var words = 0; words <= MaxOtherNetworkGap; words++)
        {
            while (pos < limit && (text[pos] == ',' || char.IsWhiteSpace(text[pos])))
                pos++;
            if (pos >= limit)
                return false;
            if (Index.OtherNetworkNouns.StartsAt(text, pos, limit, out _))
                return true;
            if (Index.OtherNetworkFillers.StartsAt(text, pos, limit, out var end) || PlaceEndingAt(pos, mentions, out end))
                pos = end;
            else if (char.IsDigit(text[pos]))
                pos = TextScan.WordAfter(text, pos, limit).End; // "1,200"
            else
                return false;
            if (pos < limit && text[pos] == '-')
                pos = TextScan.WordAfter(text, pos + 1, limit).End; // "China-based", "Russia-linked"
        }
        return false;
    }

    /// <summary>A country, demonym or region starting at <paramref name="pos"/>: "another Russian network".</summary>
    private static bool PlaceEndingAt(int pos, ReadOnlySpan<Mention> mentions, out int end)
    {
        foreach (var m in mentions)
        {
            if (m.Start == pos && m.IsGeo)
            {
                end = m.End;
                return true;
            }
            if (m.Start > pos)
                break;
        }
        end = pos;
        return false;
    }

    /// <summary>
    /// News dates the takedown it reports in the recent past ("TikTok said it removed 22 accounts … last month"). A
    /// removal dated only that way is an earlier takedown when the text reports another, current one; when it is the
    /// only removal in the text, it is the one reported.
    /// </summary>
    private void KeepRecentPast()
    {
        const SentenceFlags notCurrent = SentenceFlags.Historical | SentenceFlags.SeparateNetwork | SentenceFlags.Comparison;
        var recent = false;
        for (var s = 0; s < Flags.Length; s++)
        {
            if ((Flags[s] & SentenceFlags.Takedown) != 0 && (Flags[s] & notCurrent) == 0)
                return; // a current removal: recent-past removals are earlier ones
            recent |= (Flags[s] & (SentenceFlags.RecentPast | SentenceFlags.Takedown)) == (SentenceFlags.RecentPast | SentenceFlags.Takedown);
        }
        if (!recent)
            return;
        for (var s = 0; s < Flags.Length; s++)
        {
            if ((Flags[s] & SentenceFlags.RecentPast) != 0)
                Flags[s] &= ~SentenceFlags.Historical;
        }
    }

    private SentenceFlags FlagsOf(ReadOnlySpan<Mention> mentions, int sentenceEnd)
    {
        var flags = SentenceFlags.None;
        var olderThanRecent = false;
        foreach (var m in mentions)
        {
            if (m.Kind != MentionKind.Cue)
                continue;
            if (m.Cue == CueKind.Historical
                && !(Index.RecentPast.StartsAt(Text, m.Start, m.End, out var end) && end == m.End))
                olderThanRecent = true;
            flags |= m.Cue switch
            {
                CueKind.OtherModifier => NamesOtherNetwork(m, mentions, sentenceEnd) ? SentenceFlags.SeparateNetwork : SentenceFlags.None,
                CueKind.Historical => SentenceFlags.Historical,
                CueKind.SeparateNetwork => SentenceFlags.SeparateNetwork,
                CueKind.Comparison => SentenceFlags.Comparison,
                CueKind.Takedown => SentenceFlags.Takedown,
                CueKind.Money => SentenceFlags.Money,
                CueKind.AuxiliarySet => SentenceFlags.AuxiliarySet,
                CueKind.NotRemoved => SentenceFlags.NotRemoved,
                CueKind.CrossPlatform => SentenceFlags.CrossPlatform,
                _ => SentenceFlags.None,
            };
        }
        if ((flags & SentenceFlags.Historical) != 0 && !olderThanRecent)
            flags |= SentenceFlags.RecentPast;
        return flags;
    }
}
