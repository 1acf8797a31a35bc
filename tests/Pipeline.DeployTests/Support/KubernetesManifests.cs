using YamlDotNet.RepresentationModel;

namespace Pipeline.DeployTests.Support;

/// <summary>deploy/k8s: the documents kustomization.yaml applies, plus the Secret templates it does not.</summary>
internal sealed class KubernetesManifests
{
    public const string Folder = "deploy/k8s";
    public const string SecretsTemplate = "secrets.template.yaml";

    public required IReadOnlyList<YamlMappingNode> Applied { get; init; }
    public required IReadOnlyList<YamlMappingNode> SecretTemplates { get; init; }
    public required YamlMappingNode Kustomization { get; init; }

    public static KubernetesManifests Load()
    {
        var kustomization = Yaml.LoadDocuments(RepoPaths.Of(Folder, "kustomization.yaml")).Single();
        return new KubernetesManifests
        {
            Kustomization = kustomization,
            Applied = kustomization.Items("resources").OfType<YamlScalarNode>()
                .SelectMany(r => Yaml.LoadDocuments(RepoPaths.Of(Folder, r.Value!))).ToList(),
            SecretTemplates = Yaml.LoadDocuments(RepoPaths.Of(Folder, SecretsTemplate)),
        };
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Applied.Where(d => d.Text("kind") == kind);

    public YamlMappingNode? Named(string kind, string name) =>
        Applied.Concat(SecretTemplates).FirstOrDefault(d => d.Text("kind") == kind && d.Text("metadata", "name") == name);

    /// <summary>Keys of a ConfigMap's data or a Secret's stringData/data, with their values.</summary>
    public IReadOnlyDictionary<string, string> Data(string kind, string name) =>
        Named(kind, name) is { } doc
            ? (kind == "Secret" ? doc.Entries("stringData").Concat(doc.Entries("data")) : doc.Entries("data"))
                .ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "")
            : throw new KeyNotFoundException($"{kind} {name} is not defined in {Folder}");

    /// <summary>
    /// The environment a Deployment's container gets: configMapRef/secretRef data, then env entries
    /// (values, or the referenced ConfigMap/Secret key). Throws when a reference points at nothing.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(YamlNode container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container.Items("envFrom"))
        {
            var (kind, name) = source.Get("configMapRef") is { } cm ? ("ConfigMap", cm.Text("name")!) : ("Secret", source.Text("secretRef", "name")!);
            foreach (var (key, value) in Data(kind, name))
                environment[key] = value;
        }
        foreach (var variable in container.Items("env"))
        {
            var name = variable.Text("name")!;
            if (variable.Text("value") is { } value)
                environment[name] = value;
            else if (variable.Get("valueFrom", "secretKeyRef") is { } secret)
                environment[name] = Lookup("Secret", secret);
            else if (variable.Get("valueFrom", "configMapKeyRef") is { } config)
                environment[name] = Lookup("ConfigMap", config);
        }
        return environment;
    }

    private string Lookup(string kind, YamlNode reference)
    {
        var name = reference.Text("name")!;
        var key = reference.Text("key")!;
        return Data(kind, name).TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"{kind} {name} has no key {key}");
    }
}
