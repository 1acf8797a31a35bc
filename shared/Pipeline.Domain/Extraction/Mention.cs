namespace Pipeline.Domain.Extraction;

/// <summary>What a matched phrase names. The id indexes the matching list of <see cref="KnowledgeIndex"/>.</summary>
internal enum MentionKind : byte
{
    Country,
    Demonym,
    Region,
    /// <summary>A region's adjective ("African"): a region only where it describes an audience.</summary>
    RegionAdjective,
    Platform,
    /// <summary>The company behind a platform ("Meta"): tells the reporting platform, never a count's platform.</summary>
    PlatformHint,
    Asset,
    Operation,
    Actor,
    Partner,
    TacticTerm,
    Cue,
}

/// <summary>Roles of lexicon phrases; the id of a <see cref="MentionKind.Cue"/> mention.</summary>
internal enum CueKind
{
    Origin,
    Target,
    TargetAfter,
    Partner,
    Naming,
    WeakNaming,
    Aliasing,
    Takedown,
    Historical,
    Novel,
    SeparateNetwork,
    Comparison,
    Money,
    AuxiliarySet,
    NotRemoved,
    CrossPlatform,
    FollowerVerb,
    /// <summary>"other", "separate", "unrelated": a network apart from the report's own when a network noun follows.</summary>
    OtherModifier,
}

/// <summary>A phrase found in the text: where, what kind, and which entry.</summary>
internal readonly record struct Mention(int Start, int Length, MentionKind Kind, int Id)
{
    public int End => Start + Length;

    public CueKind Cue => (CueKind)Id;

    public bool IsGeo => Kind is MentionKind.Country or MentionKind.Demonym or MentionKind.Region or MentionKind.RegionAdjective;

    /// <summary>Adjectives of nationality or region: "Iranian", "African".</summary>
    public bool IsAdjective => Kind is MentionKind.Demonym or MentionKind.RegionAdjective;

    /// <summary>
    /// Mentions of one group never nest ("Latin American" hides "American"); mentions of different groups
    /// may ("fake accounts" is a tactic term and holds the asset word "accounts").
    /// </summary>
    public int Group => Kind == MentionKind.Cue ? (Cue == CueKind.OtherModifier ? 6 : 5) : GroupOfKind[(int)Kind];

    /// <summary>
    /// Groups by kind (a table: the scan asks for every mention): places 0, platforms 1, assets 2, names 3, tactic
    /// terms 4, cues 5, and "other"-type modifiers 6, a word inside longer cues ("other countries in").
    /// </summary>
    private static ReadOnlySpan<byte> GroupOfKind => [0, 0, 0, 0, 1, 1, 2, 3, 3, 3, 4, 5];
}
