using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Every sentence a value was read from, so that values can be reported once each (case-insensitive)
/// with the first sentence that still counts after other networks' sentences are set aside.
/// </summary>
internal sealed class FindingSet
{
    private readonly List<(string Value, int Sentence)> _occurrences = [];

    public IReadOnlyList<(string Value, int Sentence)> Occurrences => _occurrences;

    public void Add(string value, int sentence) => _occurrences.Add((value, sentence));

    /// <summary>Values in order of first mention, each with its first sentence not about another network.</summary>
    public IReadOnlyList<Finding> Items(ReportDocument doc)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<Finding>();
        foreach (var (value, sentence) in _occurrences)
        {
            if (!doc.Has(sentence, SentenceFlags.OtherNetwork) && seen.Add(value))
                items.Add(new Finding(value, doc.EvidenceFor(sentence)));
        }
        return items;
    }

    /// <summary>Drops every occurrence of the values <paramref name="drop"/> selects.</summary>
    public void RemoveAll(Func<string, bool> drop) => _occurrences.RemoveAll(o => drop(o.Value));

    public bool Any(ReportDocument doc) => _occurrences.Any(o => !doc.Has(o.Sentence, SentenceFlags.OtherNetwork));
}
