using System.IO.Compression;
using System.Net.Http;

namespace Pipeline.Application.Fetching.Http;

/// <summary>A body as read: complete, or cut at the limit (<see cref="Truncated"/>; <see cref="Bytes"/> then holds what was read).</summary>
public sealed record BodyRead(byte[] Bytes, bool Truncated, long? DeclaredLength);

/// <summary>
/// Reads a response body without trusting it: decompresses it here (the handler's automatic
/// decompression is off), counts the DECODED bytes and stops one byte past the limit, so a small
/// gzip bomb costs at most the limit in memory; gives up on a body that trickles past the deadline.
/// </summary>
internal static class BoundedBody
{
    public static async Task<BodyRead> ReadAsync(HttpContent content, long limit, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        // The wire size is a floor for the decoded size: no need to read what cannot fit.
        if (declared > limit)
            return new BodyRead([], Truncated: true, declared);

        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await using var wire = await content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using var decoded = Decode(wire, content.Headers.ContentEncoding);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            while (true)
            {
                var want = (int)Math.Min(chunk.Length, limit + 1 - buffer.Length);
                var read = await decoded.ReadAsync(chunk.AsMemory(0, want), linked.Token).ConfigureAwait(false);
                if (read == 0)
                    return new BodyRead(buffer.ToArray(), Truncated: false, declared);
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                    return new BodyRead(buffer.ToArray(), Truncated: true, declared);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"the body did not arrive within {timeout.TotalSeconds:0.###} s", permanent: false, FetchFailures.Timeout);
        }
        catch (InvalidDataException e)
        {
            throw new FetchException($"corrupt compressed body: {e.Message}", permanent: true, FetchFailures.BadBody, e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new FetchException($"the connection broke while reading the body: {e.Message}", permanent: false, FetchFailures.ConnectionFailed, e);
        }
    }

    // Content-Encoding lists codings in the order applied; undo them last first.
    private static Stream Decode(Stream wire, ICollection<string> encodings)
    {
        var stream = wire;
        foreach (var encoding in encodings.Reverse())
        {
            stream = encoding.Trim().ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                "identity" or "" => stream,
                var other => throw new FetchException($"unsupported Content-Encoding '{other}'", permanent: true, FetchFailures.BadBody),
            };
        }
        return stream;
    }
}
