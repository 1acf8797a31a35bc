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
        // A report gives a handful of values: a linear check beats a set per call.
        var items = new List<Finding>();
        foreach (var (value, sentence) in _occurrences)
        {
            if (!doc.Has(sentence, SentenceFlags.OtherNetwork) && !Contains(items, value))
                items.Add(new Finding(value, doc.EvidenceFor(sentence)));
        }
        return items;
    }

    private static bool Contains(List<Finding> items, string value)
    {
        foreach (var item in items)
        {
            if (item.Value.Equals(value, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Drops every occurrence of the values <paramref name="drop"/> selects.</summary>
    public void RemoveAll(Func<string, bool> drop) => _occurrences.RemoveAll(o => drop(o.Value));

    public bool Any(ReportDocument doc) => _occurrences.Any(o => !doc.Has(o.Sentence, SentenceFlags.OtherNetwork));
}
