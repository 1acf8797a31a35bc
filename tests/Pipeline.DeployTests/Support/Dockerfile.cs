using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.DeployTests.Support;

/// <summary>The few facts of a Dockerfile the checks need: stages, COPY sources, user, entry point.</summary>
internal sealed partial class Dockerfile
{
    public required string Path { get; init; }
    public required IReadOnlyList<string> Stages { get; init; }           // the image of each FROM
    public required IReadOnlyList<string> ContextCopies { get; init; }    // COPY sources from the build context
    public required IReadOnlyList<string> Users { get; init; }
    public required IReadOnlyList<string> Entrypoint { get; init; }
    public required IReadOnlyList<string> PublishedProjects { get; init; }
    public required IReadOnlyList<string> RestoredProjects { get; init; }
    public required IReadOnlyList<string> EnvNames { get; init; }
    /// <summary>Project files copied before the restore step (the cached restore layer).</summary>
    public required IReadOnlyList<string> CopiedBeforeRestore { get; init; }

    public static Dockerfile Load(string path)
    {
        var instructions = Instructions(File.ReadAllLines(path)).ToList();
        var copies = new List<string>();
        var beforeRestore = new List<string>();
        var restored = new List<string>();
        foreach (var (keyword, args) in instructions)
        {
            if (keyword == "COPY" && !args.Contains("--from=", StringComparison.Ordinal))
            {
                var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
                copies.AddRange(parts[..^1]);
                if (restored.Count == 0)
                    beforeRestore.AddRange(parts[..^1].Where(p => p.EndsWith(".csproj", StringComparison.Ordinal)));
            }
            if (keyword == "RUN" && Project(args, "restore") is { } project)
                restored.Add(project);
        }
        return new Dockerfile
        {
            Path = path,
            Stages = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Args.Split(' ')[0]).ToList(),
            ContextCopies = copies,
            Users = instructions.Where(i => i.Keyword == "USER").Select(i => i.Args.Trim()).ToList(),
            Entrypoint = instructions.Where(i => i.Keyword == "ENTRYPOINT").Select(i => JsonSerializer.Deserialize<string[]>(i.Args)!).LastOrDefault() ?? [],
            PublishedProjects = instructions.Where(i => i.Keyword == "RUN").Select(i => Project(i.Args, "publish")).OfType<string>().ToList(),
            RestoredProjects = restored,
            EnvNames = instructions.Where(i => i.Keyword == "ENV").SelectMany(i => EnvName().Matches(i.Args).Select(m => m.Groups[1].Value)).ToList(),
            CopiedBeforeRestore = beforeRestore,
        };
    }

    private static string? Project(string run, string verb) =>
        Regex.Match(run, $@"dotnet {verb} (\S+\.csproj)") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Joins continuation lines and drops comments and parser directives.</summary>
    private static IEnumerable<(string Keyword, string Args)> Instructions(IEnumerable<string> lines)
    {
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
                continue;
            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\'))
                continue;
            var space = current.IndexOf(' ');
            yield return (current[..space].ToUpperInvariant(), current[(space + 1)..].Trim());
            current = "";
        }
    }

    [GeneratedRegex(@"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvName();
}
