namespace Pipeline.Domain.Campaigns;

/// <summary>Tells a named actor ("Archimedes Group", "Sputnik") from a generic attribution ("Iranian state media").</summary>
public static class ActorNames
{
    // Institutions a demonym turns into an attribution: every operation from that country can carry them.
    private static readonly string[] GenericWords =
    [
        "government", "state", "military", "intelligence", "security", "services", "ministry", "army",
        "regime", "authorities", "police", "law enforcement", "officials", "individuals", "actors",
    ];

    /// <summary>Whether a (lower-cased) actor names one organisation rather than a country's institutions.</summary>
    public static bool IsSpecific(string actor) =>
        !GenericWords.Any(w => actor.Contains(w, StringComparison.OrdinalIgnoreCase));
}
