using System.Text;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Testing;

/// <summary>Response helpers for the loopback server's handlers.</summary>
public static class Respond
{
    public static Task Content(HttpContext context, string body, string contentType, string? etag = null, DateTimeOffset? lastModified = null)
    {
        var response = context.Response;
        if (etag is not null)
        {
            response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
        }
        if (lastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToString("R");
            if (DateTimeOffset.TryParse(context.Request.Headers.IfModifiedSince.ToString(), out var since) && since >= modified.AddSeconds(-1))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
        }
        response.ContentType = contentType;
        return response.WriteAsync(body, Encoding.UTF8);
    }

    public static Task Bytes(HttpContext context, byte[] body, string contentType, bool declareLength = true)
    {
        context.Response.ContentType = contentType;
        if (declareLength)
            context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    public static Task Status(HttpContext context, int status, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
            context.Response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    }

    public static Task Redirect(HttpContext context, string location, int status = StatusCodes.Status302Found)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    /// <summary>Writes chunks without a Content-Length until the client stops reading (or all are written).</summary>
    public static async Task Stream(HttpContext context, string contentType, IEnumerable<byte[]> chunks)
    {
        context.Response.ContentType = contentType;
        try
        {
            foreach (var chunk in chunks)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The fetcher stopped reading at its limit and closed the connection: expected.
        }
    }
}
