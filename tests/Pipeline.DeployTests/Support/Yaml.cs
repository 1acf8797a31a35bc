using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipeline.DeployTests.Support;

/// <summary>Loads YAML as compose and kubectl read it (merge keys resolved) and walks it by key.</summary>
internal static class Yaml
{
    private static readonly YamlScalarNode MergeKey = new("<<");

    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(new Parser(reader));
        var roots = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
        roots.ForEach(ResolveMerges);
        return roots;
    }

    /// <summary>
    /// "&lt;&lt;: *anchor" merges the anchored mapping's keys the mapping does not set itself (YAML merge
    /// keys; YamlDotNet's MergingParser rejects the local override compose files rely on).
    /// </summary>
    private static void ResolveMerges(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var child in map.Children.Values.ToList())
                    ResolveMerges(child);
                if (map.Children.Remove(MergeKey, out var merged))
                {
                    var sources = merged is YamlSequenceNode list ? list.Children.OfType<YamlMappingNode>() : [(YamlMappingNode)merged];
                    foreach (var (key, value) in sources.SelectMany(source => source.Children))
                        map.Children.TryAdd(key, value);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                    ResolveMerges(child);
                break;
        }
    }

    public static YamlNode? Get(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
                return null;
        }
        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlMappingNode map
            ? map.Children.Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, e.Value))
            : [];

    /// <summary>A scalar, or a flow/block sequence of scalars, as strings (healthcheck tests, commands).</summary>
    public static IReadOnlyList<string> Strings(this YamlNode? node, params string[] path) => node.Get(path) switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
        _ => [],
    };
}
