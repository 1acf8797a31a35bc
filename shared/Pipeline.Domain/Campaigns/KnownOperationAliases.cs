using Pipeline.Domain.Knowledge;

namespace Pipeline.Domain.Campaigns;

/// <summary>
/// Operation aliases from the knowledge base ("Spamouflage" = "DRAGONBRIDGE" = "Taizi Flood"), looked
/// up by normalised name so spelling variants find their entry.
/// </summary>
public sealed class KnownOperationAliases : IOperationAliases
{
    private readonly Dictionary<string, string[]> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);

    public KnownOperationAliases(IEnumerable<Operation> operations)
    {
        foreach (var op in operations)
        {
            string[] names = [op.Name, .. op.Aliases];
            foreach (var key in names.Select(OperationName.Parse).OfType<OperationName>().Select(n => n.Key).Distinct())
            {
                _byKey[key] = _byKey.TryGetValue(key, out var known) ? [.. known.Union(names)] : names;
                _canonical.TryAdd(key, op.Name); // first entry wins: the table's order is its authority
            }
        }
    }

    /// <summary>The aliases of the knowledge base embedded in the domain assembly.</summary>
    public static KnownOperationAliases Default => LazyDefault.Value;

    private static readonly Lazy<KnownOperationAliases> LazyDefault = new(() => new(KnowledgeBase.Default.Operations));

    public IEnumerable<string> AliasesOf(string name) =>
        OperationName.Parse(name) is { } parsed && _byKey.TryGetValue(parsed.Key, out var names) ? names : [];

    public string? CanonicalName(string name) =>
        OperationName.Parse(name) is { } parsed && _canonical.TryGetValue(parsed.Key, out var canonical) ? canonical : null;
}
