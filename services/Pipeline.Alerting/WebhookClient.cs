using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Pipeline.Alerting;

/// <summary>POSTs alerts to the configured webhook (a typed client from IHttpClientFactory).</summary>
public sealed class WebhookClient(HttpClient http, IOptions<AlertingOptions> options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <exception cref="HttpRequestException">The webhook answered with a non-success status; the bus retries, then parks the event in the _error queue.</exception>
    public async Task PostAsync(CampaignAlert alert, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.WebhookUrl)
        {
            Content = JsonContent.Create(alert, options: Json),
        };
        request.Headers.Add("Idempotency-Key", alert.MessageId.ToString());
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Webhook answered {(int)response.StatusCode} {response.ReasonPhrase} for {alert.Event} {alert.Campaign.Id}.", null, response.StatusCode);
    }
}
