using Pipeline.Domain.Knowledge;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// Extracts what a takedown report says with curated knowledge and genre rules: one multi-phrase scan
/// for every known name and cue, then per-sentence rules for counts, places, names, dates and tactics.
/// Pure and thread-safe: one instance serves every caller.
/// </summary>
public sealed class RuleBasedReportExtractor : IReportExtractor
{
    /// <summary>Bumped when the rules change; the knowledge fingerprint covers data changes.</summary>
    private const string RulesVersion = "rules-3";

    private readonly KnowledgeIndex _index;

    public RuleBasedReportExtractor()
        : this(KnowledgeBase.Default)
    {
    }

    public RuleBasedReportExtractor(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _index = new KnowledgeIndex(knowledge);
        Version = $"{RulesVersion}+kb.{knowledge.Fingerprint}";
    }

    public string Version { get; }

    public ExtractedReport Extract(ReportText report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = report.Body ?? "";
        var workspace = Workspace.ForThisThread();
        try
        {
            _index.Matcher.Scan(text, workspace.Mentions);
            SentenceSplitter.Split(text, workspace.Sentences);
            return Extract(report, new ReportDocument(text, _index, workspace.Mentions, workspace.Sentences));
        }
        finally
        {
            workspace.Release();
        }
    }

    private static ExtractedReport Extract(ReportText report, ReportDocument doc)
    {
        doc.ReportingPlatform = ReportingPlatform(doc);
        var (documentDate, documentEvidence) = DateReader.DocumentDate(doc, report.PublishedOn);
        doc.Date = documentDate;

        var counts = CountReader.Read(doc);
        var places = PlaceReader.Read(doc);
        var names = NameReader.Read(doc);
        NetworkFocus.Mark(doc, places, names, counts);
        counts.RemoveAll(c => IsOtherNetwork(doc, c.Evidence));
        var tactics = TacticReader.Read(doc, counts);
        var describes = TakedownClassifier.Describes(doc, counts, places, names);
        var (date, dateEvidence) = describes ? DateReader.TakedownDate(doc, documentDate, documentEvidence) : (null, null);
        var operationNames = names.Operations.Items(doc);
        if (!describes && operationNames.Count == 0)
        {
            // Neither a removal nor a named operation: the text describes no campaign (an op-ed, a policy note).
            return new ExtractedReport { Source = report.Source, Title = report.Title };
        }

        return new ExtractedReport
        {
            Source = report.Source,
            Title = report.Title,
            DescribesTakedown = describes,
            ReportedOn = date,
            ReportedOnEvidence = dateEvidence,
            OriginCountries = places.Origins.Items(doc),
            TargetCountries = places.Targets.Items(doc),
            TargetRegions = places.Regions.Items(doc),
            OperationNames = operationNames,
            Actors = names.Actors.Items(doc),
            Partners = names.Partners.Items(doc),
            Counts = counts,
            PresentPlatforms = describes ? PresenceReader.Read(doc).Items(doc) : [],
            Tactics = tactics,
            Aliases = names.Aliases.Where(a => !doc.Has(a.Sentence, SentenceFlags.OtherNetwork)).Select(a => a.Pair).ToArray(),
        };
    }

    private static bool IsOtherNetwork(ReportDocument doc, Evidence evidence) =>
        doc.SentenceAt(evidence.Sentence.Start) is var s and >= 0 && doc.Has(s, SentenceFlags.OtherNetwork);

    /// <summary>The platform the report is about: the one it names most (company names count double).</summary>
    private static int ReportingPlatform(ReportDocument doc)
    {
        Span<int> score = stackalloc int[doc.Index.Platforms.Length];
        Span<int> first = stackalloc int[doc.Index.Platforms.Length];
        first.Fill(int.MaxValue);
        foreach (var m in doc.AllMentions)
        {
            if (m.Kind is not (MentionKind.Platform or MentionKind.PlatformHint))
                continue;
            score[m.Id] += m.Kind == MentionKind.PlatformHint ? 2 : 1;
            first[m.Id] = Math.Min(first[m.Id], m.Start);
        }
        var best = -1;
        for (var p = 0; p < score.Length; p++)
        {
            if (score[p] > 0 && (best < 0 || score[p] > score[best] || (score[p] == score[best] && first[p] < first[best])))
                best = p;
        }
        return best;
    }

    /// <summary>
    /// The per-thread lists a document's mentions and sentences are found into: reused from call to call, so a
    /// report costs no list growth and no copies. Nothing read from a document keeps a reference to them.
    /// </summary>
    private sealed class Workspace
    {
        [ThreadStatic]
        private static Workspace? t_current;

        public List<Mention> Mentions { get; } = new(1024);
        public List<TextSpan> Sentences { get; } = new(256);

        public static Workspace ForThisThread()
        {
            var workspace = t_current ?? new Workspace();
            t_current = null; // a nested call (none today) would get its own
            return workspace;
        }

        public void Release()
        {
            if (Mentions.Capacity > 1 << 16 || Sentences.Capacity > 1 << 16)
                return; // do not hold on to one huge report's buffers
            t_current = this;
        }
    }
}
