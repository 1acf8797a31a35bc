using Pipeline.Domain.Knowledge;
using Pipeline.Domain.Reports;

namespace Pipeline.Domain.Tests;

public class KnowledgeBaseTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void Countries_come_from_icu_with_every_real_country()
    {
        Assert.InRange(Kb.Countries.Count, 200, 260);
        Assert.All(Kb.Countries, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.Equal(Kb.Countries.Count, Kb.Countries.Select(c => c.Code).Distinct().Count());
        Assert.Equal("Iran", Kb.Countries.Single(c => c.Code == "IR").Name);
        Assert.Equal("Myanmar", Kb.Countries.Single(c => c.Code == "MM").Name);
    }

    [Theory]
    [InlineData("IV")] // ICU's invariant pseudo-region
    [InlineData("CS")] // the retired code for Serbia and Montenegro
    public void Pseudo_and_retired_codes_are_not_countries(string code) =>
        Assert.DoesNotContain(Kb.Countries, c => c.Code == code);

    [Theory]
    [InlineData("IR", "Iranian")]
    [InlineData("AE", "Emirati")]
    [InlineData("SA", "Saudi")]
    [InlineData("UG", "Ugandan")]
    [InlineData("CN", "Chinese")]
    public void Data_adds_demonyms(string code, string demonym) =>
        Assert.Contains(demonym, Kb.Countries.Single(c => c.Code == code).Demonyms);

    [Theory]
    [InlineData("AE", "UAE")]
    [InlineData("US", "U.S.")]
    [InlineData("US", "United States of America")]
    [InlineData("GB", "Britain")]
    [InlineData("RU", "Russian Federation")]
    [InlineData("MM", "Burma")]
    [InlineData("BA", "Bosnia and Herzegovina")] // ICU writes "&"; prose writes "and"
    public void Countries_carry_the_names_prose_uses(string code, string name) =>
        Assert.Contains(name, Kb.Countries.Single(c => c.Code == code).Names);

    [Fact]
    public void Regions_are_never_countries()
    {
        var countryNames = Kb.Countries.SelectMany(c => c.Names).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(Kb.Regions, r => Assert.DoesNotContain(r.Name, countryNames));
        Assert.Contains(Kb.Regions, r => r.Name == "Sahel");
    }

    [Fact]
    public void Platform_and_asset_keys_are_the_export_contracts()
    {
        Assert.All(Kb.Platforms, p => Assert.Contains(p.Key, ExportKeys.Platforms));
        Assert.Equal(ExportKeys.Platforms.Order(), Kb.Platforms.Select(p => p.Key).Order());
        Assert.All(Kb.Platforms, p => Assert.Subset(ExportKeys.AssetKinds.ToHashSet(), p.AssetKinds.ToHashSet()));
        Assert.All(Kb.AssetWords, a => Assert.Contains(a.Kind, ExportKeys.AssetKinds));
        Assert.All(Kb.AssetWords.Where(a => a.Platform is not null), a => Assert.Contains(a.Platform!, ExportKeys.Platforms));
    }

    [Fact]
    public void Operations_know_their_other_names()
    {
        var spamouflage = Kb.Operations.Single(o => o.Name == "Spamouflage");
        Assert.Contains("DRAGONBRIDGE", spamouflage.Aliases);
        Assert.Equal("CN", spamouflage.Origin);
        Assert.Contains("UNC1151", Kb.Operations.Single(o => o.Name == "Ghostwriter").Aliases);
    }

    [Fact]
    public void Tactics_use_disarm_technique_ids()
    {
        Assert.All(Kb.Tactics.Where(t => t.DisarmId is not null), t => Assert.Matches(@"^T\d{4}(\.\d{3})?$", t.DisarmId));
        Assert.Equal("T0007", Kb.Tactics.Single(t => t.Name == "inauthentic pages and groups").DisarmId);
    }

    [Fact]
    public void Loading_twice_gives_the_same_fingerprint() =>
        Assert.Equal(KnowledgeBase.Load().Fingerprint, Kb.Fingerprint);
}
