namespace Pipeline.Domain.Knowledge;

/// <summary>
/// Cue phrases the extraction rules key on. The groups are fixed by the rules; their phrases are data
/// (Data/lexicon.json), so a new way of writing "originated in" is a data change.
/// </summary>
public sealed record Lexicon
{
    public IReadOnlyList<string> Origin { get; init; } = [];
    public IReadOnlyList<string> Target { get; init; } = [];
    /// <summary>
    /// Adverbs that may stand inside a verb cue of <see cref="Origin"/> or <see cref="Target"/>: "focused mostly on",
    /// "based primarily in", "run mainly from". Each multi-word cue that starts with a verb is also read with one of them
    /// after its verb.
    /// </summary>
    public IReadOnlyList<string> CueAdverbs { get; init; } = [];
    /// <summary>
    /// What a network aims at its targets: each multi-word <see cref="Target"/> cue that starts with a verb is also read
    /// with "its"/"their" and one of these after the verb ("aimed its content at", "focused their efforts on").
    /// </summary>
    public IReadOnlyList<string> CueObjects { get; init; } = [];
    /// <summary>Target cues that follow the places they govern: "Venezuela was its main focus".</summary>
    public IReadOnlyList<string> TargetAfter { get; init; } = [];
    /// <summary>Suffixes that make a country an origin: "Russia-based", "Iran-linked".</summary>
    public IReadOnlyList<string> OriginSuffixes { get; init; } = [];
    /// <summary>Nouns after a demonym that make it an origin: "Iranian actors", "a Russian network".</summary>
    public IReadOnlyList<string> OriginNouns { get; init; } = [];
    /// <summary>
    /// Nouns for who runs an operation: after a country name used attributively they make it the origin,
    /// also for the platforms' home country ("a U.S. PR firm", "a UK marketing company").
    /// </summary>
    public IReadOnlyList<string> OperatorNouns { get; init; } = [];
    /// <summary>Nouns after a demonym that make it a target: "Israeli audiences".</summary>
    public IReadOnlyList<string> AudienceNouns { get; init; } = [];
    /// <summary>Words after a place adjective that leave it a place, not a topic: "Iranians and …", "Israelis living abroad".</summary>
    public IReadOnlyList<string> PlaceConnectors { get; init; } = [];
    /// <summary>Words before a demonym that make it an object, not an origin: "advice to the Bolivian government".</summary>
    public IReadOnlyList<string> ObjectPrepositions { get; init; } = [];
    /// <summary>Followers of a demonym that make it a language, not a country: "Russian-speaking".</summary>
    public IReadOnlyList<string> LanguageSuffixes { get; init; } = [];
    /// <summary>Target phrases that make the origin country a target too: "domestic audiences".</summary>
    public IReadOnlyList<string> DomesticTarget { get; init; } = [];
    /// <summary>Before "based in", these make the place a persona's cover, not the network's origin.</summary>
    public IReadOnlyList<string> PersonaCues { get; init; } = [];
    /// <summary>Words that start a new clause: a place after them is no longer governed by an earlier cue.</summary>
    public IReadOnlyList<string> ClauseBlockers { get; init; } = [];
    public IReadOnlyList<string> Partner { get; init; } = [];
    /// <summary>Cues that always introduce a name: "dubbed", "which we call", "known as".</summary>
    public IReadOnlyList<string> Naming { get; init; } = [];
    /// <summary>Cues that introduce a name only after a noun that can bear one: "a website called …".</summary>
    public IReadOnlyList<string> WeakNaming { get; init; } = [];
    /// <summary>Nouns that make the name after a weak cue an operation's: "a network called …".</summary>
    public IReadOnlyList<string> NamedOperationNouns { get; init; } = [];
    /// <summary>Nouns that make the name after a weak cue an actor's: "a marketing firm called …".</summary>
    public IReadOnlyList<string> NamedActorNouns { get; init; } = [];
    /// <summary>Partner cues after which a capitalised name is taken as a partner: "researchers at …".</summary>
    public IReadOnlyList<string> PartnerCapture { get; init; } = [];
    public IReadOnlyList<string> Aliasing { get; init; } = [];
    public IReadOnlyList<string> Takedown { get; init; } = [];
    /// <summary>What a removal removes when the text names no figure: "removed the network".</summary>
    public IReadOnlyList<string> NetworkNouns { get; init; } = [];
    /// <summary>Who removes: besides platforms, "we", "the company", "authorities" (not "the operators").</summary>
    public IReadOnlyList<string> Removers { get; init; } = [];
    public IReadOnlyList<string> Historical { get; init; } = [];
    /// <summary>
    /// Historical cues that only place an event in the recent past ("last month", "earlier this year"). News dates the
    /// takedown it reports that way, so they mark an earlier takedown only when the text also reports a current removal.
    /// </summary>
    public IReadOnlyList<string> RecentPast { get; init; } = [];
    /// <summary>New findings that contain a historical word ("previously unreported"): they outrank it.</summary>
    public IReadOnlyList<string> Novel { get; init; } = [];
    public IReadOnlyList<string> SeparateNetwork { get; init; } = [];
    /// <summary>
    /// Words that set a network apart from the report's own ("other", "separate", "unrelated") when one of
    /// <see cref="OtherNetworkNouns"/> follows, directly or across <see cref="OtherNetworkFillers"/> and places:
    /// "two other, unrelated networks", "a separate and much smaller China-based operation".
    /// </summary>
    public IReadOnlyList<string> OtherNetworkModifiers { get; init; } = [];
    public IReadOnlyList<string> OtherNetworkNouns { get; init; } = [];
    /// <summary>Words that may stand between such a modifier and its noun: numbers, "and", "much smaller" …</summary>
    public IReadOnlyList<string> OtherNetworkFillers { get; init; } = [];
    /// <summary>Comparisons and negations ("similar to …", "neither … attributed"): no attribution is made.</summary>
    public IReadOnlyList<string> Comparison { get; init; } = [];
    /// <summary>Phrases after an actor that attribute the network to it: "the Belarusian government was behind".</summary>
    public IReadOnlyList<string> Responsibility { get; init; } = [];
    /// <summary>Verbs after "N accounts" that make the figure group members, which are not counted: "joined".</summary>
    public IReadOnlyList<string> MemberVerbs { get; init; } = [];
    /// <summary>Verbs after "N accounts" that turn the figure into followers: "followed", "subscribed".</summary>
    public IReadOnlyList<string> FollowerVerbs { get; init; } = [];
    /// <summary>Words that may stand between a number and its asset word: "13 fake Facebook accounts".</summary>
    public IReadOnlyList<string> CountModifiers { get; init; } = [];
    /// <summary>Hedges before a number that leave the number as stated: "about", "more than".</summary>
    public IReadOnlyList<string> Approximations { get; init; } = [];
    /// <summary>Words between a labelled asset and its figure: "Accounts in network: 120".</summary>
    public IReadOnlyList<string> CountLabels { get; init; } = [];
    /// <summary>Phrases before a number that make it followers: "followed by 4,000 accounts".</summary>
    public IReadOnlyList<string> FollowedBy { get; init; } = [];
    /// <summary>Words that mark a sum in US dollars besides the "$" sign: "dollars", "USD".</summary>
    public IReadOnlyList<string> Money { get; init; } = [];
    /// <summary>A set that only amplified the core network ("a spammier set of 200,000 accounts"): not counted.</summary>
    public IReadOnlyList<string> AuxiliarySet { get; init; } = [];
    /// <summary>An audience summed over several platforms: not one platform's followers.</summary>
    public IReadOnlyList<string> CrossPlatform { get; init; } = [];
    /// <summary>Verbs of finding, not removing: "we identified a dozen accounts on X".</summary>
    public IReadOnlyList<string> NotRemoved { get; init; } = [];
    public IReadOnlyList<string> Spend { get; init; } = [];
    public IReadOnlyList<string> NotSpend { get; init; } = [];
}
