namespace Pipeline.Domain.Knowledge;

// Shapes of the Data/*.json files. Kept apart from the public entries so the file format can carry
// authoring conveniences (exact-case lists, comments) without leaking into the model.

internal sealed class CountriesFile
{
    public List<string> ExcludeCodes { get; set; } = [];
    public List<string> HomeCountries { get; set; } = [];
    public Dictionary<string, CountryExtras> Countries { get; set; } = [];
}

internal sealed class CountryExtras
{
    public List<string> Aliases { get; set; } = [];
    public List<string> Demonyms { get; set; } = [];
}

internal sealed class RegionsFile
{
    public List<NamedEntry> Regions { get; set; } = [];
}

internal sealed class PlatformsFile
{
    public List<PlatformEntry> Platforms { get; set; } = [];
    public List<AssetWordEntry> AssetWords { get; set; } = [];
}

internal sealed class PlatformEntry
{
    public string Key { get; set; } = "";
    public List<string> Names { get; set; } = [];
    public List<string> ExactCase { get; set; } = [];
    public List<string> Hints { get; set; } = [];
    public List<string> Assets { get; set; } = [];
    public string? SingleLetterName { get; set; }
}

internal sealed class AssetWordEntry
{
    public string Kind { get; set; } = "";
    public List<string> Words { get; set; } = [];
    public string? Platform { get; set; }
    public string? DefaultPlatform { get; set; }
    public bool RequiresFollowerVerb { get; set; }
    public bool OnlyWhenRemoved { get; set; }
}

internal sealed class NamedEntry
{
    public string Name { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
    public List<string> ExactCase { get; set; } = [];
    public List<string> Adjectives { get; set; } = [];
    public string? Origin { get; set; }
}

internal sealed class OperationsFile
{
    public List<NamedEntry> Operations { get; set; } = [];
}

internal sealed class ActorsFile
{
    public List<NamedEntry> Actors { get; set; } = [];
    public List<string> Templates { get; set; } = [];
}

internal sealed class PartnersFile
{
    public List<NamedEntry> Partners { get; set; } = [];
}

internal sealed class TacticsFile
{
    public List<TacticEntry> Tactics { get; set; } = [];
}

internal sealed class TacticEntry
{
    public string Name { get; set; } = "";
    public string? Disarm { get; set; }
    public List<string> Phrases { get; set; } = [];
    public List<List<string>> AllOf { get; set; } = [];
    public string? ImpliedByAssetKind { get; set; }
    public bool Ordered { get; set; }
}
