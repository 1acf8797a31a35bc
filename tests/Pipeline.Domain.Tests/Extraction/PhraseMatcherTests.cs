using Pipeline.Domain.Extraction;

namespace Pipeline.Domain.Tests.Extraction;

/// <summary>
/// The phrase scan against a plain reference: every phrase tried at every word start, case-folded unless exact-case,
/// whole words only, then mentions of one group nested in a longer one dropped. Texts are random mixes of the phrases'
/// words, fillers, case changes and punctuation, so one-word keys with one payload (answered from the table entry),
/// keys shared by several phrases, exact-case words and multi-word phrases all occur many times.
/// </summary>
public class PhraseMatcherTests
{
    private static readonly PhraseSpec[] Specs =
    [
        Spec("accounts", MentionKind.Asset, 0),
        Spec("Pages", MentionKind.Asset, 1),
        Spec("Iran", MentionKind.Country, 2),
        Spec("Iranian", MentionKind.Demonym, 2),
        Spec("removed", MentionKind.Cue, (int)CueKind.Takedown),
        Spec("other", MentionKind.Cue, (int)CueKind.OtherModifier),
        Spec("Georgia", MentionKind.Country, 3),
        Spec("Georgia", MentionKind.Region, 4), // one word, two payloads
        Spec("US", MentionKind.Country, 5, exactCase: true),
        Spec("United States", MentionKind.Country, 5),
        Spec("U.S.", MentionKind.Country, 5),
        Spec("Medium", MentionKind.Platform, 6, exactCase: true),
        Spec("medium", MentionKind.TacticTerm, 7), // the same word, exact case and not
        Spec("fake accounts", MentionKind.TacticTerm, 8),
        Spec("based in", MentionKind.Cue, (int)CueKind.Origin),
        Spec("based primarily in", MentionKind.Cue, (int)CueKind.Origin),
        Spec("based on a tip from", MentionKind.Cue, (int)CueKind.Partner),
        Spec("Latin America", MentionKind.Region, 9),
        Spec("Latin American", MentionKind.RegionAdjective, 9),
        Spec("American", MentionKind.Demonym, 5),
        Spec("a.k.a.", MentionKind.Cue, (int)CueKind.Aliasing),
        Spec("code-named", MentionKind.Cue, (int)CueKind.Naming),
        Spec("Internet Research Agency", MentionKind.Actor, 10),
        Spec("IRA", MentionKind.Actor, 10, exactCase: true),
        Spec("Doppelgänger", MentionKind.Operation, 11),
        Spec("Spamouflage", MentionKind.Operation, 12),
        Spec("X", MentionKind.Platform, 13, exactCase: true),
        Spec("2020", MentionKind.TacticTerm, 14),
        Spec("supercalifragilistic", MentionKind.Partner, 15), // longer than one hashing chunk pair
    ];

    private static readonly string[] Fillers =
    [
        "the", "a", "in", "on", "we", "network", "primarily", "tip", "from", "research", "agency", "internet", "states",
        "united", "latin", "based", "fake", "code", "named", "doppelganger", "Ünïcode", "accountsx", "xaccounts", "2019",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", ". ", "\n", "-", "'s ", " (", ") ", "/", "  "];

    private static PhraseSpec Spec(string phrase, MentionKind kind, int id, bool exactCase = false) =>
        new(phrase, new PhrasePayload(kind, id), exactCase);

    [Fact]
    public void Finds_what_a_plain_search_of_every_phrase_finds()
    {
        var matcher = new PhraseMatcher(Specs);
        var random = new Random(20261207);
        var words = Specs.Select(s => s.Phrase).Concat(Fillers).ToArray();
        for (var round = 0; round < 400; round++)
        {
            var text = RandomText(random, words, random.Next(1, 120));
            var expected = Reference(text).OrderBy(m => m.Start).ThenByDescending(m => m.Length).ThenBy(m => m.Kind).ThenBy(m => m.Id).ToList();
            var actual = matcher.Scan(text).OrderBy(m => m.Start).ThenByDescending(m => m.Length).ThenBy(m => m.Kind).ThenBy(m => m.Id).ToList();
            Assert.True(expected.SequenceEqual(actual), $"text: \"{text}\"\nexpected: {string.Join(", ", expected)}\nactual:   {string.Join(", ", actual)}");
        }
    }

    [Fact]
    public void A_one_word_key_gives_its_mention_only_for_the_whole_word_in_any_case()
    {
        var matcher = new PhraseMatcher(Specs);
        const string text = "ACCOUNTS accounts, Accountsx xaccounts accounts";
        var found = matcher.Scan(text);
        Assert.Equal([0, 9, 39], found.Select(m => m.Start));
        Assert.All(found, m => Assert.Equal((MentionKind.Asset, 0, 8), (m.Kind, m.Id, m.Length)));
    }

    [Fact]
    public void An_exact_case_word_matches_only_as_written_and_its_other_case_entries_still_match()
    {
        var matcher = new PhraseMatcher(Specs);
        var found = matcher.Scan("Medium medium MEDIUM US us");
        Assert.Equal(
            [(0, MentionKind.Platform), (0, MentionKind.TacticTerm), (7, MentionKind.TacticTerm), (14, MentionKind.TacticTerm), (21, MentionKind.Country)],
            found.Select(m => (m.Start, m.Kind)));
    }

    private static string RandomText(Random random, string[] words, int count)
    {
        var parts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var word = words[random.Next(words.Length)];
            word = random.Next(6) switch
            {
                0 => word.ToUpperInvariant(),
                1 => word.ToLowerInvariant(),
                2 when word.Length > 0 => char.ToUpperInvariant(word[0]) + word[1..],
                _ => word,
            };
            parts.Add(word);
            parts.Add(Separators[random.Next(Separators.Length)]);
        }
        return string.Concat(parts);
    }

    /// <summary>Every phrase at every word start (one-letter phrases: a lone letter, as <see cref="PhraseMatcher"/> documents), nested ones dropped.</summary>
    private static List<Mention> Reference(string text)
    {
        var all = new List<Mention>();
        for (var at = 0; at < text.Length; at++)
        {
            if (!PhraseMatcher.IsWordChar(text[at]) || (at > 0 && PhraseMatcher.IsWordChar(text[at - 1])))
                continue;
            foreach (var spec in Specs)
            {
                var p = spec.Phrase;
                if (p.Length == 1)
                {
                    if (text[at] == p[0] && LoneLetter(text, at))
                        all.Add(new Mention(at, 1, spec.Payload.Kind, spec.Payload.Id));
                    continue;
                }
                if (at + p.Length > text.Length)
                    continue;
                var same = spec.ExactCase
                    ? text.AsSpan(at, p.Length).SequenceEqual(p)
                    : text.AsSpan(at, p.Length).Equals(p, StringComparison.OrdinalIgnoreCase);
                var end = at + p.Length;
                if (same && !(PhraseMatcher.IsWordChar(p[^1]) && end < text.Length && PhraseMatcher.IsWordChar(text[end])))
                    all.Add(new Mention(at, p.Length, spec.Payload.Kind, spec.Payload.Id));
            }
        }
        var sorted = all.Distinct().OrderBy(m => m.Start).ThenByDescending(m => m.Length).ToList();
        var maxEnd = new int[7];
        var lastStart = new int[7];
        Array.Fill(maxEnd, -1);
        Array.Fill(lastStart, -1);
        var kept = new List<Mention>();
        foreach (var m in sorted)
        {
            if (m.Kind != MentionKind.TacticTerm)
            {
                var g = m.Group;
                if (m.End <= maxEnd[g] && !(m.Start == lastStart[g] && m.End == maxEnd[g]))
                    continue;
                if (m.End > maxEnd[g])
                {
                    maxEnd[g] = m.End;
                    lastStart[g] = m.Start;
                }
            }
            kept.Add(m);
        }
        return kept;
    }

    private static bool LoneLetter(string text, int at)
    {
        var before = at == 0 ? ' ' : text[at - 1];
        var after = at + 1 < text.Length ? text[at + 1] : ' ';
        var sentenceEnd = after == '.' && (at + 2 >= text.Length || char.IsWhiteSpace(text[at + 2]));
        return !(PhraseMatcher.IsWordChar(before) || before is '-' or '.' or '\'' or '’' || PhraseMatcher.IsWordChar(after)
            || (after is '-' or '.' or '\'' or '’' && !sentenceEnd));
    }
}
