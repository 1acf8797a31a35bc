using YamlDotNet.RepresentationModel;

namespace Pipeline.DeployTests.Support;

/// <summary>docker-compose.yml as compose reads it: anchors and merge keys resolved.</summary>
internal sealed class ComposeFile
{
    public const string FileName = "docker-compose.yml";

    private readonly YamlMappingNode root;

    private ComposeFile(YamlMappingNode root) => this.root = root;

    public static ComposeFile Load() => new(Yaml.LoadDocuments(RepoPaths.Of(FileName)).Single());

    public IEnumerable<string> ServiceNames => root.Entries("services").Select(e => e.Key);

    /// <summary>Services built from this repository (the workers).</summary>
    public IEnumerable<string> BuiltServices => root.Entries("services").Where(e => e.Value.Get("build") is not null).Select(e => e.Key);

    public YamlNode Service(string name) => root.Get("services", name) ?? throw new KeyNotFoundException($"no service {name} in {FileName}");

    /// <summary>The service's environment, interpolated with the given variables (compose's own defaults otherwise).</summary>
    public IReadOnlyDictionary<string, string> Environment(string service, IReadOnlyDictionary<string, string>? variables = null) =>
        Service(service).Entries("environment").ToDictionary(e => e.Key, e => Interpolation.Apply(((YamlScalarNode)e.Value).Value ?? "", variables ?? new Dictionary<string, string>()));

    /// <summary>(secret name, path inside the container) for every secret the service mounts.</summary>
    public IReadOnlyList<(string Source, string Target)> Secrets(string service) =>
        Service(service).Items("secrets").Select(item => item is YamlScalarNode s
            ? (s.Value!, "/run/secrets/" + s.Value)
            : (item.Text("source")!, Target(item.Text("target") ?? item.Text("source")!))).ToList();

    /// <summary>The file a top-level secret is read from, relative to the repository root.</summary>
    public string SecretFile(string secret) =>
        root.Text("secrets", secret, "file") ?? throw new KeyNotFoundException($"secret {secret} is not declared at the top level of {FileName}");

    public IEnumerable<string> DeclaredSecrets => root.Entries("secrets").Select(e => e.Key);

    public (string Context, string Dockerfile)? Build(string service) =>
        Service(service).Get("build") is { } build ? (build.Text("context") ?? ".", build.Text("dockerfile") ?? "Dockerfile") : null;

    private static string Target(string target) => target.StartsWith('/') ? target : "/run/secrets/" + target;
}
