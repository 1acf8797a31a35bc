using Microsoft.Extensions.Options;
using Pipeline.Domain.Reports;

namespace Pipeline.Alerting;

/// <summary>Rejects a webhook or filter that could only fail (or silently match nothing) later.</summary>
public sealed class AlertingOptionsValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(AlertingOptions options)
    {
        const string section = AlertingOptions.Section;
        if (string.IsNullOrWhiteSpace(options.WebhookUrl))
            yield return $"{section}:WebhookUrl is required (the http(s) URL alerts are POSTed to).";
        else if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            yield return $"{section}:WebhookUrl must be an absolute http or https URL.";

        foreach (var country in AlertingOptions.Split(options.Countries).Where(c => c.Length != 2 || !c.All(char.IsAsciiLetter)))
            yield return $"{section}:Countries has '{country}'; use ISO 3166-1 alpha-2 codes such as IR or RU.";

        foreach (var platform in AlertingOptions.Split(options.Platforms).Where(p => !ExportKeys.Platforms.Contains(p.ToLowerInvariant())))
            yield return $"{section}:Platforms has '{platform}'; use the export keys ({string.Join(", ", ExportKeys.Platforms.Order())}).";

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
            yield return $"{section}:Timeout must be between 0 and 5 minutes (was {options.Timeout}).";
    }
}
