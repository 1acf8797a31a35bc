using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Domain.Reports;
using Pipeline.Domain.Tests.Accuracy;
using Xunit.Abstractions;

namespace Pipeline.Domain.Tests;

/// <summary>
/// The extractor must never throw on text it has not seen: an exception costs the whole report (it ends in
/// an error queue instead of the export). Thousands of seeded documents recombine and damage sentences of
/// the dev corpus and the samples (words dropped, swapped, repeated, cut; figures, platforms, cues and
/// markup inserted; stray characters), the way scraped pages and partial copies look.
/// </summary>
public sealed class ExtractionRobustnessTests(ITestOutputHelper output)
{
    private const int Documents = 4000;

    private static readonly string[] Inserts =
    [
        "1,100", "two", "12k", "1.2 million", "more than 2,000", "dozens of", "$4,000", "€1,500", "X (formerly Twitter)",
        "Facebook and Instagram", "YouTube", "Google", "Meta", "and", ",", "on Instagram", "Pages", "accounts", "channels",
        "|", "||", "(", ")", "\"", "'", "—", "-", "Iran", "Russian", "the Middle East", "Aug. 21", "2018-08-21",
        "21 August 2018", "Q3 2024", "dubbed", "known as", "also known as", "called", "based on a tip from", "linked to",
        "originated in", "targeted", "#", "**", "\n", "\n\n", "- ", "1.", "0", "-5", "99999999999999999999", "1,", ",000",
        "e.g.", "U.S.", "",
    ];

    private const string StrayCharacters = "\u0000\u00a0\u200b\u2019\u201c\u2014|*#_[]()\r\t0123456789,.;:$%\u00e9\ud83d\ude00";

    [Fact]
    public void Damaged_and_recombined_report_text_never_makes_the_extractor_throw()
    {
        var sentences = CorpusSentences();
        var failures = new List<string>();
        for (var seed = 0; seed < Documents; seed++)
        {
            var (text, publishedOn) = Document(new Random(seed), sentences);
            try
            {
                Support.Extractor.Extract(new ReportText("fuzz.txt", null, text, publishedOn));
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed}: {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault()}\ntext: {text.ReplaceLineEndings("\\n")}");
            }
        }
        output.WriteLine($"{Documents} documents from {sentences.Count} sentences, {failures.Count} threw");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    [Fact]
    public void A_platform_inside_another_platforms_name_is_not_read_as_a_pair()
    {
        // Threw ArgumentOutOfRangeException: "YouTube" is also read as a Google property.
        var report = Support.Extract("YouTube terminated 1,100 channels tied to a Chinese spam network, Google said on Thursday.");
        Assert.Equal(["youtube.channels=1100"], report.Figures());
    }

    private static List<string> CorpusSentences()
    {
        var root = RepoRoot.Find();
        var files = Directory.EnumerateFiles(Path.Combine(root, "corpus", "dev", "reports"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "samples", "reports")))
            .Where(f => Path.GetExtension(f) is ".txt" or ".md" or ".html")
            .Order(StringComparer.Ordinal);
        var sentences = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".html", StringComparison.Ordinal))
                text = Regex.Replace(text, "<[^>]+>", "\n");
            sentences.AddRange(Regex.Split(text, @"(?<=[.!?])\s+|\n+").Select(s => s.Trim()).Where(s => s.Length > 0));
        }
        Assert.True(sentences.Count > 1000, $"only {sentences.Count} corpus sentences found");
        return sentences;
    }

    private static (string Text, DateOnly? PublishedOn) Document(Random random, List<string> sentences)
    {
        var text = new StringBuilder();
        if (random.Next(2) == 0)
            text.Append("Report\n\nMarch 12, 2020\n\n");
        for (var i = random.Next(1, 10); i > 0; i--)
        {
            var words = sentences[random.Next(sentences.Count)].Split(' ').ToList();
            for (var k = random.Next(0, 5); k > 0 && words.Count > 0; k--)
                Damage(random, words);
            text.Append(string.Join(' ', words)).Append(random.Next(3) == 0 ? "\n\n" : " ");
        }
        for (var k = random.Next(0, 4); k > 0 && text.Length > 0; k--)
        {
            var at = random.Next(text.Length);
            if (random.Next(2) == 0)
                text.Insert(at, StrayCharacters[random.Next(StrayCharacters.Length)]);
            else
                text.Remove(at, 1);
        }
        return (text.ToString(), random.Next(2) == 0 ? new DateOnly(2020, 3, 12) : null);
    }

    private static void Damage(Random random, List<string> words)
    {
        switch (random.Next(6))
        {
            case 0: words.RemoveAt(random.Next(words.Count)); break;
            case 1: words.Insert(random.Next(words.Count + 1), Inserts[random.Next(Inserts.Length)]); break;
            case 2:
                var (a, b) = (random.Next(words.Count), random.Next(words.Count));
                (words[a], words[b]) = (words[b], words[a]);
                break;
            case 3: words.Insert(random.Next(words.Count + 1), words[random.Next(words.Count)]); break;
            case 4:
                var at = random.Next(words.Count);
                if (words[at].Length > 1)
                    words[at] = words[at][..random.Next(1, words[at].Length)];
                break;
            default:
                var keep = random.Next(words.Count + 1);
                words.RemoveRange(keep, words.Count - keep);
                break;
        }
    }
}
