using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Infrastructure.Documents;

/// <summary>Content addressing and the deterministic ids derived from it.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// A stable id for a named thing (e.g. "report:&lt;hash&gt;"). Replays and restarts derive the same id,
    /// which is what makes writes keyed by it idempotent.
    /// </summary>
    public static Guid DeterministicId(string kind, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + key), hash);
        // Stamp as a version-8 (custom) RFC 9562 UUID so it never collides with random v4 ids.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    public static Guid ReportId(string contentHash) => DeterministicId("report", contentHash);

    public static Guid CampaignIdFor(Guid openingReportId) => DeterministicId("campaign", openingReportId.ToString("N"));

    /// <summary>Message id for an event caused by one report at one campaign version: re-publishing on replay reuses it.</summary>
    public static Guid EventId(string eventType, Guid reportId, long version) =>
        DeterministicId(eventType, $"{reportId:N}:{version}");
}
