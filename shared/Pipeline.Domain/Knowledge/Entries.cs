namespace Pipeline.Domain.Knowledge;

/// <summary>A country: ISO 3166-1 alpha-2 code, English name, every name it goes by, and its demonyms.</summary>
public sealed record Country(string Code, string Name, IReadOnlyList<string> Names, IReadOnlyList<string> Demonyms);

/// <summary>
/// A multi-country area ("Middle East", "Sahel"): a target region, never a country. <paramref name="Adjectives"/>
/// ("African", "Latin American") name it only where they describe an audience, not a topic.
/// </summary>
public sealed record Region(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Adjectives);

/// <summary>
/// A platform under its export key. <paramref name="Hints"/> name the company behind it ("Meta"): they tell
/// which platform a document reports for, but are never the platform of a count.
/// </summary>
public sealed record Platform(string Key, IReadOnlyList<string> Names, IReadOnlyList<string> Hints, IReadOnlySet<string> AssetKinds);

/// <summary>
/// A word that names removed assets ("Pages" → pages). <paramref name="Platform"/> forces the platform
/// ("Ads accounts" → google_ads); <paramref name="DefaultPlatform"/> applies when the sentence names no
/// platform that has this kind of asset ("Groups" → facebook). <paramref name="RequiresFollowerVerb"/> words
/// ("people") name assets only before a verb such as "followed"; <paramref name="OnlyWhenRemoved"/> words ("domains")
/// only in a sentence that says they were removed or seized.
/// </summary>
public sealed record AssetWord(
    string Word, string Kind, string? Platform, string? DefaultPlatform, bool RequiresFollowerVerb = false, bool OnlyWhenRemoved = false);

/// <summary>A named influence operation, the names others gave it, and where it is usually attributed.</summary>
public sealed record Operation(string Name, IReadOnlyList<string> Aliases, string? Origin);

/// <summary>An actor operations are attributed to (an agency, a firm, state media).</summary>
public sealed record Actor(string Name, IReadOnlyList<string> Aliases, string? Origin);

/// <summary>A researcher, firm or agency that tips off, analyses or co-publishes takedowns.</summary>
public sealed record Partner(string Name, IReadOnlyList<string> Aliases);

/// <summary>
/// A tactic and its DISARM technique id (null when none clearly fits). Found when a sentence holds one of
/// <paramref name="Phrases"/>, or a term from every list of <paramref name="AllOf"/> ("{demonym}" stands for any
/// nationality word; <paramref name="Ordered"/> asks for them in list order, close together), or when the report
/// states a figure of kind <paramref name="ImpliedByAssetKind"/>.
/// </summary>
public sealed record TacticDefinition(
    string Name, string? DisarmId, IReadOnlyList<string> Phrases, IReadOnlyList<IReadOnlyList<string>> AllOf,
    string? ImpliedByAssetKind = null, bool Ordered = false)
{
    /// <summary>Stands in an allOf list for any demonym mention.</summary>
    public const string AnyDemonym = "{demonym}";
}
