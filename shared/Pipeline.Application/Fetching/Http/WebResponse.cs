using Pipeline.Infrastructure.Storage;

namespace Pipeline.Application.Fetching.Http;

/// <summary>A fetched URL: unchanged since the validators sent (<see cref="NotModified"/>), or its body.</summary>
public sealed record WebResponse(
    Uri RequestedUrl,
    Uri FinalUrl,
    bool NotModified,
    string? ContentType,
    HttpValidators? Validators,
    BodyRead? Body)
{
    public byte[] Bytes => Body?.Bytes ?? [];
    public bool Truncated => Body?.Truncated ?? false;
}
