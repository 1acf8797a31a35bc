using Pipeline.Domain.Knowledge;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// The knowledge base turned into one phrase matcher plus the lookups the rules need. Built once per
/// extractor; immutable, so one instance serves every thread.
/// </summary>
internal sealed class KnowledgeIndex
{
    public KnowledgeIndex(KnowledgeBase kb)
    {
        Kb = kb;
        Countries = kb.Countries.ToArray();
        Regions = kb.Regions.ToArray();
        Platforms = kb.Platforms.ToArray();
        AssetWords = kb.AssetWords.ToArray();
        Operations = kb.Operations.ToArray();
        Actors = kb.Actors.ToArray();
        Partners = kb.Partners.ToArray();
        Tactics = kb.Tactics.ToArray();
        PlatformByKey = Platforms.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        CountryByCode = Countries.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        OperationKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var op in Operations)
        {
            foreach (var name in op.Aliases.Prepend(op.Name))
                OperationKeys.TryAdd(name, op.Name); // the first operation that has the name keeps it
        }
        var lex = kb.Lexicon;
        CueText = new Dictionary<CueKind, IReadOnlyList<string>>
        {
            [CueKind.Origin] = WithInserts(lex.Origin, lex.CueAdverbs),
            [CueKind.Target] = WithInserts(lex.Target, [.. lex.CueAdverbs, .. Possessed(lex.CueObjects)]),
            [CueKind.TargetAfter] = lex.TargetAfter,
            [CueKind.Partner] = lex.Partner,
            [CueKind.Naming] = lex.Naming,
            [CueKind.WeakNaming] = lex.WeakNaming,
            [CueKind.Aliasing] = lex.Aliasing,
            [CueKind.Takedown] = lex.Takedown,
            [CueKind.Historical] = lex.Historical,
            [CueKind.Novel] = lex.Novel,
            [CueKind.SeparateNetwork] = lex.SeparateNetwork,
            [CueKind.Comparison] = lex.Comparison,
            [CueKind.Money] = lex.Money,
            [CueKind.AuxiliarySet] = lex.AuxiliarySet,
            [CueKind.NotRemoved] = lex.NotRemoved,
            [CueKind.CrossPlatform] = lex.CrossPlatform,
            [CueKind.FollowerVerb] = lex.FollowerVerbs,
            [CueKind.OtherModifier] = lex.OtherNetworkModifiers,
        };
        Matcher = new PhraseMatcher(Phrases());
        TacticDemonymLists = TacticReader.DemonymLists(Tactics);
        FollowedBy = new(lex.FollowedBy);
        CountLabels = new(lex.CountLabels);
        Approximations = new(lex.Approximations);
        FollowerVerbs = new(lex.FollowerVerbs);
        CountModifiers = new(lex.CountModifiers);
        DomesticTarget = new(lex.DomesticTarget);
        RecentPast = new(lex.RecentPast);
        ClauseBlockers = new(lex.ClauseBlockers);
        PersonaCues = new(lex.PersonaCues);
        LanguageSuffixes = new(lex.LanguageSuffixes);
        OriginSuffixes = new(lex.OriginSuffixes);
        OriginNouns = new(lex.OriginNouns);
        OperatorNouns = new(lex.OperatorNouns);
        // "influence operation/network/campaign" name an activity, whose "in" is its arena, not a seat
        SeatedOperatorNouns = new(lex.OperatorNouns.Where(n => !n.StartsWith("influence", StringComparison.OrdinalIgnoreCase)));
        AudienceNouns = new(lex.AudienceNouns);
        PlaceConnectors = new(lex.PlaceConnectors);
        NamedActorNouns = new(lex.NamedActorNouns);
        NamedOperationNouns = new(lex.NamedOperationNouns);
        ActorTemplates = new(kb.ActorTemplates);
        Spend = new(lex.Spend);
        NotSpend = new(lex.NotSpend);
        PartnerCapture = new(lex.PartnerCapture);
        Responsibility = new(lex.Responsibility);
        ObjectPrepositions = new(lex.ObjectPrepositions);
        Removers = new(lex.Removers);
        NetworkNouns = new(lex.NetworkNouns);
        MemberVerbs = new(lex.MemberVerbs);
        OtherNetworkNouns = new(lex.OtherNetworkNouns);
        OtherNetworkFillers = new(lex.OtherNetworkFillers);
    }

    public KnowledgeBase Kb { get; }
    public PhraseMatcher Matcher { get; }
    public Country[] Countries { get; }
    public Region[] Regions { get; }
    public Platform[] Platforms { get; }
    public AssetWord[] AssetWords { get; }
    public Operation[] Operations { get; }
    public Actor[] Actors { get; }
    public Partner[] Partners { get; }
    public TacticDefinition[] Tactics { get; }
    /// <summary>Per tactic, the allOf lists a demonym satisfies (as bits, see <see cref="TacticReader"/>).</summary>
    public int[] TacticDemonymLists { get; }
    public IReadOnlyDictionary<string, int> PlatformByKey { get; }
    public IReadOnlyDictionary<string, int> CountryByCode { get; }
    /// <summary>An operation's name or alias (any case) → its canonical name: see <see cref="NetworkFocus.OperationKey"/>.</summary>
    public Dictionary<string, string> OperationKeys { get; }
    private IReadOnlyDictionary<CueKind, IReadOnlyList<string>> CueText { get; }

    public Lexicon Lexicon => Kb.Lexicon;

    // The lexicon's cue lists, indexed for asking "does one start, end or occur here?".
    public PhraseList FollowedBy { get; }
    public PhraseList CountLabels { get; }
    public PhraseList Approximations { get; }
    public PhraseList FollowerVerbs { get; }
    public PhraseList CountModifiers { get; }
    public PhraseList DomesticTarget { get; }
    public PhraseList RecentPast { get; }
    public PhraseList ClauseBlockers { get; }
    public PhraseList PersonaCues { get; }
    public PhraseList LanguageSuffixes { get; }
    public PhraseList OriginSuffixes { get; }
    public PhraseList OriginNouns { get; }
    public PhraseList OperatorNouns { get; }
    /// <summary>Operator nouns with premises, whose "in &lt;place&gt;" is where they sit: "a troll farm in Albania".</summary>
    public PhraseList SeatedOperatorNouns { get; }
    public PhraseList AudienceNouns { get; }
    public PhraseList PlaceConnectors { get; }
    public PhraseList NamedActorNouns { get; }
    public PhraseList NamedOperationNouns { get; }
    public PhraseList ActorTemplates { get; }
    public PhraseList Spend { get; }
    public PhraseList NotSpend { get; }
    public PhraseList PartnerCapture { get; }
    public PhraseList Responsibility { get; }
    public PhraseList ObjectPrepositions { get; }
    public PhraseList Removers { get; }
    public PhraseList NetworkNouns { get; }
    public PhraseList MemberVerbs { get; }
    public PhraseList OtherNetworkNouns { get; }
    public PhraseList OtherNetworkFillers { get; }

    /// <summary>Tactic terms carry (tactic, list) in one id: list 0 is "phrases", list k is allOf[k-1].</summary>
    public static int TacticTermId(int tactic, int list) => tactic * 32 + list;

    public static (int Tactic, int List) SplitTacticTermId(int id) => (id / 32, id % 32);

    private IEnumerable<PhraseSpec> Phrases()
    {
        for (var i = 0; i < Countries.Length; i++)
        {
            foreach (var name in Countries[i].Names)
                yield return Spec(name, MentionKind.Country, i);
            foreach (var demonym in Countries[i].Demonyms)
                yield return Spec(demonym, MentionKind.Demonym, i);
        }
        for (var i = 0; i < Regions.Length; i++)
        {
            foreach (var name in Regions[i].Aliases.Prepend(Regions[i].Name))
                yield return Spec(name, MentionKind.Region, i);
            foreach (var adjective in Regions[i].Adjectives)
                yield return Spec(adjective, MentionKind.RegionAdjective, i);
        }
        for (var i = 0; i < Platforms.Length; i++)
        {
            foreach (var name in Platforms[i].Names)
                yield return Spec(name, MentionKind.Platform, i);
            foreach (var (letter, key) in Kb.SingleLetterPlatforms)
            {
                if (key == Platforms[i].Key)
                    yield return new PhraseSpec(letter.ToString(), new PhrasePayload(MentionKind.Platform, i), ExactCase: true);
            }
            foreach (var hint in Platforms[i].Hints)
                yield return new PhraseSpec(hint, new PhrasePayload(MentionKind.PlatformHint, i), ExactCase: true);
        }
        for (var i = 0; i < AssetWords.Length; i++)
            yield return Spec(AssetWords[i].Word, MentionKind.Asset, i);
        for (var i = 0; i < Operations.Length; i++)
        {
            foreach (var name in Operations[i].Aliases.Prepend(Operations[i].Name))
                yield return Spec(name, MentionKind.Operation, i);
        }
        for (var i = 0; i < Actors.Length; i++)
        {
            foreach (var name in Actors[i].Aliases.Prepend(Actors[i].Name))
                yield return Spec(name, MentionKind.Actor, i);
        }
        for (var i = 0; i < Partners.Length; i++)
        {
            foreach (var name in Partners[i].Aliases.Prepend(Partners[i].Name))
                yield return Spec(name, MentionKind.Partner, i);
        }
        for (var i = 0; i < Tactics.Length; i++)
        {
            foreach (var phrase in Tactics[i].Phrases)
                yield return Spec(phrase, MentionKind.TacticTerm, TacticTermId(i, 0));
            for (var g = 0; g < Tactics[i].AllOf.Count; g++)
            {
                foreach (var term in Tactics[i].AllOf[g].Where(t => t != TacticDefinition.AnyDemonym))
                    yield return Spec(term, MentionKind.TacticTerm, TacticTermId(i, g + 1));
            }
        }
        foreach (var (cue, phrases) in CueText)
        {
            foreach (var phrase in phrases)
                yield return new PhraseSpec(phrase, new PhrasePayload(MentionKind.Cue, (int)cue), ExactCase: false);
        }
    }

    /// <summary>
    /// The cues plus, for each multi-word cue that starts with a verb ("focused on", "based in", "run from"), the same
    /// cue with each insert after the verb: an adverb ("focused mostly on", "based primarily in") or an object
    /// ("aimed its content at").
    /// </summary>
    private static IReadOnlyList<string> WithInserts(IReadOnlyList<string> cues, IReadOnlyList<string> inserts)
    {
        var all = new List<string>(cues);
        var seen = new HashSet<string>(cues, StringComparer.OrdinalIgnoreCase);
        foreach (var cue in cues)
        {
            var space = cue.IndexOf(' ');
            if (space < 0 || cue.EndsWith(':'))
                continue;
            var verb = cue[..space];
            if (!(verb.EndsWith("ed", StringComparison.Ordinal) || verb.EndsWith("ing", StringComparison.Ordinal) || verb == "run"))
                continue;
            foreach (var insert in inserts)
            {
                var variant = $"{verb} {insert}{cue[space..]}";
                if (seen.Add(variant))
                    all.Add(variant);
            }
        }
        return all;
    }

    /// <summary>"its content", "their content", … for each object noun.</summary>
    private static IEnumerable<string> Possessed(IReadOnlyList<string> nouns) =>
        nouns.SelectMany(n => new[] { "its " + n, "their " + n });

    private PhraseSpec Spec(string phrase, MentionKind kind, int id) =>
        new(phrase, new PhrasePayload(kind, id), IsExactCase(phrase));

    /// <summary>Acronyms ("US", "IRA", "GAN") and listed common words ("Medium") count only as written.</summary>
    private bool IsExactCase(string phrase) =>
        Kb.ExactCaseNames.Contains(phrase) || (phrase.Length <= 6 && !phrase.Any(char.IsLower) && phrase.Any(char.IsUpper));
}
