using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Pipeline.Alerting;
using Pipeline.Contracts.Messages;

namespace Pipeline.DeployTests.Alerting;

public sealed class AlertingTests
{
    private static CampaignSnapshot Campaign(string[] origin, string[] target, params string[] platforms) => new(
        Guid.NewGuid(), "Endless Mayfly", [], origin, target, [], [], [],
        platforms.ToDictionary(p => p, IReadOnlyDictionary<string, long> (_) => new Dictionary<string, long> { ["accounts"] = 3 }),
        new DateOnly(2019, 5, 1), new DateOnly(2019, 5, 2), 2, 4);

    private static CampaignAlertFilter Filter(string? countries = null, string? platforms = null) =>
        new(Options.Create(new AlertingOptions { WebhookUrl = "https://hooks.example.com/x", Countries = countries, Platforms = platforms }));

    [Fact]
    public void Without_criteria_every_campaign_alerts() =>
        Assert.True(Filter().Matches(Campaign(["IR"], ["US"], "twitter")));

    [Theory]
    [InlineData("IR", true)]        // origin
    [InlineData("us, gb", true)]    // target, any case, spaces
    [InlineData("RU", false)]
    public void Country_filter_matches_origin_or_target(string countries, bool expected) =>
        Assert.Equal(expected, Filter(countries: countries).Matches(Campaign(["IR"], ["US"], "twitter")));

    [Theory]
    [InlineData("twitter", "IR", true)]
    [InlineData("facebook,telegram", null, false)]
    [InlineData("twitter", "RU", false)] // both criteria must match
    public void Platform_filter_matches_any_listed_platform(string platforms, string? countries, bool expected) =>
        Assert.Equal(expected, Filter(countries, platforms).Matches(Campaign(["IR"], ["US"], "twitter")));

    [Theory]
    [InlineData(null, null, null, "WebhookUrl is required")]
    [InlineData("ftp://hooks.example.com", null, null, "absolute http or https")]
    [InlineData("https://hooks.example.com", "IRN", null, "'IRN'")]
    [InlineData("https://hooks.example.com", null, "myspace", "'myspace'")]
    public void Options_that_cannot_work_fail_at_start(string? url, string? countries, string? platforms, string problem)
    {
        var result = new AlertingOptionsValidator().Validate(null, new AlertingOptions { WebhookUrl = url, Countries = countries, Platforms = platforms });
        Assert.True(result.Failed);
        Assert.Contains(problem, result.FailureMessage);
    }

    [Fact]
    public void Valid_options_pass() =>
        Assert.True(new AlertingOptionsValidator().Validate(null, new AlertingOptions { WebhookUrl = "https://hooks.example.com/a", Countries = "IR,RU", Platforms = "facebook" }).Succeeded);

    [Fact]
    public async Task Webhook_receives_snake_case_json_with_an_idempotency_key()
    {
        var handler = new RecordingHandler(HttpStatusCode.NoContent);
        var client = new WebhookClient(new HttpClient(handler), Options.Create(new AlertingOptions { WebhookUrl = "https://hooks.example.com/a" }));
        var messageId = Guid.NewGuid();
        var campaign = Campaign(["IR"], ["US"], "twitter");

        await client.PostAsync(CampaignAlert.From(new CampaignsMerged(campaign, [Guid.NewGuid()], Guid.NewGuid(), DateTimeOffset.UtcNow), messageId), CancellationToken.None);

        Assert.Equal(HttpMethod.Post, handler.Request!.Method);
        Assert.Equal(messageId.ToString(), handler.Request.Headers.GetValues("Idempotency-Key").Single());
        var body = JsonNode.Parse(handler.Body!)!;
        Assert.Equal(CampaignAlert.Merged, body["event"]!.GetValue<string>());
        Assert.Equal("IR", body["campaign"]!["origin_countries"]![0]!.GetValue<string>());
        Assert.Equal(3, body["campaign"]!["platforms"]!["twitter"]!["accounts"]!.GetValue<long>());
        Assert.Single(body["merged_campaign_ids"]!.AsArray());
        Assert.StartsWith("2 campaigns merged into: Endless Mayfly (IR; twitter; 2 report(s))", body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refusing_webhook_fails_the_message_so_the_bus_retries_it()
    {
        var client = new WebhookClient(new HttpClient(new RecordingHandler(HttpStatusCode.BadGateway)), Options.Create(new AlertingOptions { WebhookUrl = "https://hooks.example.com/a" }));
        var alert = CampaignAlert.From(new CampaignDetected(Campaign(["IR"], [], "twitter"), Guid.NewGuid(), DateTimeOffset.UtcNow), Guid.NewGuid());
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(alert, CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
    }

    private sealed class RecordingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status);
        }
    }
}
