namespace Pipeline.Domain.Campaigns;

/// <summary>
/// Known names of the same operation from curated knowledge ("Spamouflage" ↔ "DRAGONBRIDGE"), so two
/// reports link even when neither states the alias. Learned aliases (stated in reports) need no table.
/// </summary>
public interface IOperationAliases
{
    /// <summary>Other names of the operation called <paramref name="name"/>; empty when unknown.</summary>
    IEnumerable<string> AliasesOf(string name);

    /// <summary>The curated display name of the operation called <paramref name="name"/>, if known.</summary>
    string? CanonicalName(string name) => null;
}
