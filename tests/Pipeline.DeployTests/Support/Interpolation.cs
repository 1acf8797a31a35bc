using System.Text.RegularExpressions;

namespace Pipeline.DeployTests.Support;

/// <summary>Compose's variable interpolation (${NAME}, ${NAME:-default}, ${NAME:?error}) over a given environment.</summary>
internal static partial class Interpolation
{
    public static string Apply(string value, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(value, match =>
        {
            var name = match.Groups["name"].Value;
            var set = variables.TryGetValue(name, out var found) && found.Length > 0;
            return match.Groups["op"].Value switch
            {
                ":-" => set ? found! : match.Groups["arg"].Value,
                ":?" => set ? found! : throw new InvalidOperationException($"compose requires ${{{name}}}: {match.Groups["arg"].Value}"),
                _ => found ?? "",
            };
        });

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\?)(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
