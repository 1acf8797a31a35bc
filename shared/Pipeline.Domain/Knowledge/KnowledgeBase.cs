using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace Pipeline.Domain.Knowledge;

/// <summary>
/// The curated knowledge the extractor reads with: countries, regions, platforms, operations, actors,
/// partners, tactics and cue phrases. Loaded from the JSON files embedded in this assembly
/// (Knowledge/Data/*.json), so extending it is a data change. Immutable and thread-safe.
/// </summary>
public sealed class KnowledgeBase
{
    private const string ResourcePrefix = "Pipeline.Knowledge.";
    private static readonly Lazy<KnowledgeBase> LazyDefault = new(() => Load());

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public required IReadOnlyList<Country> Countries { get; init; }
    public required IReadOnlyList<Region> Regions { get; init; }
    public required IReadOnlyList<Platform> Platforms { get; init; }
    public required IReadOnlyList<AssetWord> AssetWords { get; init; }
    public required IReadOnlyList<Operation> Operations { get; init; }
    public required IReadOnlyList<Actor> Actors { get; init; }
    /// <summary>Institutions that make an actor of a demonym: "Iranian" + "state media".</summary>
    public required IReadOnlyList<string> ActorTemplates { get; init; }
    public required IReadOnlyList<Partner> Partners { get; init; }
    public required IReadOnlyList<TacticDefinition> Tactics { get; init; }
    public required Lexicon Lexicon { get; init; }
    /// <summary>Home countries of the reporting platforms: counted only where the text states them as origin or target.</summary>
    public required IReadOnlySet<string> HomeCountries { get; init; }
    /// <summary>Names that match only as written (common words such as "Medium"); acronyms are always exact.</summary>
    public required IReadOnlySet<string> ExactCaseNames { get; init; }
    /// <summary>One-letter platform names ("X" → twitter), matched case-sensitively as a whole word.</summary>
    public required IReadOnlyDictionary<char, string> SingleLetterPlatforms { get; init; }
    /// <summary>A digest of the data files: changes whenever the knowledge changes.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The knowledge base embedded in this assembly, loaded once.</summary>
    public static KnowledgeBase Default => LazyDefault.Value;

    /// <summary>Loads the embedded data files. Throws when a file is missing or malformed.</summary>
    public static KnowledgeBase Load()
    {
        var assembly = typeof(KnowledgeBase).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        T Read<T>(string file)
        {
            var bytes = ReadResource(assembly, file);
            hash.AppendData(bytes);
            return JsonSerializer.Deserialize<T>(bytes, Json)
                ?? throw new InvalidDataException($"Knowledge file {file} is empty.");
        }

        var countries = Read<CountriesFile>("countries.json");
        var regions = Read<RegionsFile>("regions.json");
        var platforms = Read<PlatformsFile>("platforms.json");
        var operations = Read<OperationsFile>("operations.json");
        var actors = Read<ActorsFile>("actors.json");
        var partners = Read<PartnersFile>("partners.json");
        var tactics = Read<TacticsFile>("tactics.json");
        var lexicon = Read<Lexicon>("lexicon.json");

        var exact = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<string> Aliases(NamedEntry e)
        {
            exact.UnionWith(e.ExactCase);
            return e.Aliases.Concat(e.ExactCase).Distinct(StringComparer.Ordinal).ToArray();
        }

        var platformList = platforms.Platforms.Select(p =>
        {
            exact.UnionWith(p.ExactCase);
            exact.UnionWith(p.Hints); // company names are only names when capitalised ("Meta", "Google")
            return new Platform(p.Key, [.. p.Names, .. p.ExactCase], p.Hints, p.Assets.ToHashSet(StringComparer.Ordinal));
        }).ToArray();

        return new KnowledgeBase
        {
            Countries = CountryCatalog.Build(countries),
            Regions = regions.Regions.Select(r => new Region(r.Name, Aliases(r), r.Adjectives)).ToArray(),
            Platforms = platformList,
            AssetWords = platforms.AssetWords
                .SelectMany(a => a.Words.Select(w => new AssetWord(w, a.Kind, a.Platform, a.DefaultPlatform, a.RequiresFollowerVerb, a.OnlyWhenRemoved)))
                .ToArray(),
            Operations = operations.Operations.Select(o => new Operation(o.Name, Aliases(o), o.Origin)).ToArray(),
            Actors = actors.Actors.Select(a => new Actor(a.Name, Aliases(a), a.Origin)).ToArray(),
            ActorTemplates = actors.Templates,
            Partners = partners.Partners.Select(p => new Partner(p.Name, Aliases(p))).ToArray(),
            Tactics = tactics.Tactics.Select(t => new TacticDefinition(
                t.Name, t.Disarm, t.Phrases, t.AllOf.Select(g => (IReadOnlyList<string>)g).ToArray(), t.ImpliedByAssetKind, t.Ordered)).ToArray(),
            Lexicon = lexicon,
            HomeCountries = countries.HomeCountries.ToHashSet(StringComparer.Ordinal),
            ExactCaseNames = exact,
            SingleLetterPlatforms = platforms.Platforms
                .Where(p => p.SingleLetterName is { Length: 1 })
                .ToDictionary(p => p.SingleLetterName![0], p => p.Key),
            Fingerprint = Convert.ToHexStringLower(hash.GetHashAndReset())[..12],
        };
    }

    private static byte[] ReadResource(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidDataException($"Knowledge file {file} is not embedded in {assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
