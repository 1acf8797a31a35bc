using System.Text.Json.Nodes;

namespace Pipeline.DeployTests.Support;

/// <summary>deploy/rabbitmq/definitions.json, the broker topology compose and clusters import.</summary>
internal sealed class RabbitMqDefinitions(JsonObject root)
{
    public const string File = "deploy/rabbitmq/definitions.json";

    public JsonObject Root { get; } = root;

    public static RabbitMqDefinitions Load() => new(JsonNode.Parse(RepoPaths.ReadText(File))!.AsObject());

    public IEnumerable<JsonObject> Section(string name) => Root[name]?.AsArray().OfType<JsonObject>() ?? [];

    public string VirtualHost => Section("vhosts").Single()["name"]!.GetValue<string>();

    public JsonObject? Permission(string user) =>
        Section("permissions").SingleOrDefault(p => p["user"]!.GetValue<string>() == user);

    /// <summary>A copy for a test broker: another vhost, users renamed (permissions kept as they are).</summary>
    public string RewriteFor(string vhost, Func<string, string> user)
    {
        var copy = JsonNode.Parse(Root.ToJsonString())!.AsObject();
        foreach (var section in new[] { "vhosts", "permissions", "queues", "exchanges", "bindings", "policies" })
        {
            foreach (var item in copy[section]?.AsArray().OfType<JsonObject>() ?? [])
            {
                item[section == "vhosts" ? "name" : "vhost"] = vhost;
                if (section == "permissions")
                    item["user"] = user(item["user"]!.GetValue<string>());
            }
        }
        return copy.ToJsonString();
    }
}
