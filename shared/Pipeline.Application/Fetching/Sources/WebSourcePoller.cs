using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Fetching.Http;
using Pipeline.Infrastructure.Documents;

namespace Pipeline.Application.Fetching.Sources;

/// <summary>
/// Polls Feed, IndexPage and Url sources. The listing (feed or page) is fetched conditionally; its
/// new entries are fetched one by one, each handed to the <see cref="DocumentIngestor"/> and checked
/// off in the checkpoint as soon as it is done. The listing's validators are saved only once every
/// entry it offered is done, so an interrupted poll re-reads the listing and picks up the rest.
/// A Url source's listing is its one document. Each document is fetched within a <see cref="DocumentFetch"/>.
/// </summary>
internal sealed class WebSourcePoller(
    HttpDocumentClient http,
    DocumentIngestor ingestor,
    IOptions<FetchOptions> options,
    ILogger<WebSourcePoller> logger)
{
    public async Task PollAsync(SourceOptions source, SourceCheckpoint checkpoint, PollTally tally, CancellationToken cancellationToken)
    {
        var url = new Uri(source.Url!);
        if (source.Kind == SourceKind.Url)
        {
            await PollDocumentAsync(source, url, checkpoint, tally, cancellationToken);
            return;
        }

        var listing = await http.GetAsync(url, source.AllowPrivateNetwork, checkpoint.ValidatorsFor(url), cancellationToken);
        if (listing.NotModified)
        {
            tally.Unchanged++;
            return;
        }
        if (listing.Truncated)
            throw new FetchException($"{SafeUrl.Display(url)}: the {(source.Kind == SourceKind.Feed ? "feed" : "index page")} is over the {options.Value.MaxDocumentBytes:N0}-byte limit", permanent: false, FetchFailures.TooLarge);
        var items = source.Kind == SourceKind.Feed
            ? FeedReader.Read(listing.Bytes, listing.FinalUrl)
            : await IndexPageLinks.ReadAsync(listing.Bytes, listing.FinalUrl, source.LinkSelector, options.Value.MaxParseTime, cancellationToken);
        if (!await TakeItemsAsync(source, Filter(source, items), checkpoint, tally, cancellationToken))
            return; // validators not saved: the next poll reads the listing again
        checkpoint.SetValidators(url, listing.Validators);
        await checkpoint.SaveAsync(cancellationToken);
    }

    /// <summary>A Url source: its document, asked for conditionally. A failure is the source's error too.</summary>
    private async Task PollDocumentAsync(SourceOptions source, Uri url, SourceCheckpoint checkpoint, PollTally tally, CancellationToken cancellationToken)
    {
        WebResponse response;
        using (var fetch = DocumentFetch.Start(source, SafeUrl.Display(url), checkpoint, tally))
        {
            try
            {
                response = await http.GetAsync(url, source.AllowPrivateNetwork, checkpoint.ValidatorsFor(url), cancellationToken);
                if (response.NotModified)
                {
                    fetch.Unchanged();
                    return;
                }
                fetch.Ingested(await IngestAsync(source, response, null, cancellationToken));
            }
            catch (FetchException e)
            {
                fetch.Failed(e);
                throw;
            }
        }
        checkpoint.SetValidators(url, response.Validators);
        await checkpoint.SaveAsync(cancellationToken);
    }

    /// <returns>True when every entry the listing offered is now done.</returns>
    private async Task<bool> TakeItemsAsync(SourceOptions source, IReadOnlyList<SourceItem> items, SourceCheckpoint checkpoint, PollTally tally, CancellationToken cancellationToken)
    {
        var fresh = items.Where(i => !checkpoint.HasSeen(i.Key)).DistinctBy(i => i.Key).ToList();
        tally.Unchanged += items.Count - fresh.Count;
        var batch = fresh.Take(SourceCatalog.MaxItemsOf(source, options.Value)).ToList();
        if (batch.Count > 0)
            logger.LogInformation("Source {Source}: {Count} new entries to fetch ({Waiting} more next poll)", source.Name, batch.Count, fresh.Count - batch.Count);

        var complete = batch.Count == fresh.Count;
        var fetchedLinks = new HashSet<Uri>();
        foreach (var item in batch)
        {
            // Two entries pointing at one document (a feed repeating itself) cost one request.
            if (item.Link is null || !fetchedLinks.Contains(item.Link))
            {
                if (await TakeItemAsync(source, item, checkpoint, tally, cancellationToken) is { } failure)
                {
                    tally.Fail(failure.Message);
                    if (!failure.Permanent)
                    {
                        complete = false; // asked again next poll
                        await checkpoint.SaveAsync(cancellationToken);
                        continue;
                    }
                    // Asking again will not help.
                }
                else if (item.Link is not null)
                {
                    fetchedLinks.Add(item.Link);
                }
            }
            checkpoint.MarkSeen(item.Key);
            await checkpoint.SaveAsync(cancellationToken);
        }
        return complete;
    }

    /// <returns>Null when the entry is done (stored, known or rejected); else why it failed.</returns>
    private async Task<FetchException?> TakeItemAsync(SourceOptions source, SourceItem item, SourceCheckpoint checkpoint, PollTally tally, CancellationToken cancellationToken)
    {
        var name = item.Link is null ? $"{SafeUrl.Display(new Uri(source.Url!))}#{item.Key}" : SafeUrl.Display(item.Link);
        using var fetch = DocumentFetch.Start(source, name, checkpoint, tally);
        try
        {
            if (item.Link is null)
            {
                // An entry carrying its text and no link: the entry is the document.
                var html = Encoding.UTF8.GetBytes(item.InlineHtml ?? "");
                fetch.Ingested(await ingestor.IngestAsync(new FetchedDocument(name, MediaTypes.Html, html, item.Title, item.PublishedOn), cancellationToken));
                return null;
            }
            var response = await http.GetAsync(item.Link, source.AllowPrivateNetwork, null, cancellationToken);
            fetch.Ingested(await IngestAsync(source, response, item, cancellationToken));
            return null;
        }
        catch (FetchException e)
        {
            logger.LogWarning("Source {Source}: {Item} failed: {Error}", source.Name, name, e.Message);
            fetch.Failed(e);
            return e;
        }
    }

    private async Task<IngestResult> IngestAsync(SourceOptions source, WebResponse response, SourceItem? item, CancellationToken cancellationToken)
    {
        var name = SafeUrl.Display(response.RequestedUrl);
        var mediaType = MediaTypeSniffer.Resolve(response.ContentType, response.FinalUrl, response.Bytes);
        if (response.Truncated)
        {
            var limit = options.Value.MaxDocumentBytes;
            var rejection = response.Bytes.Length == 0
                ? new DocumentRejection(name, mediaType, $"document declares {response.Body!.DeclaredLength:N0} bytes, over the {limit:N0}-byte limit; not downloaded",
                    $"declared:{response.Body.DeclaredLength}:{response.Validators?.ETag}{response.Validators?.LastModified}", item?.Title)
                : new DocumentRejection(name, mediaType, $"document is over the {limit:N0}-byte limit (after decompression); download stopped there",
                    "partial:" + ContentHash.Of(response.Bytes), item?.Title);
            return await ingestor.RejectAsync(rejection, cancellationToken);
        }
        var document = new FetchedDocument(name, mediaType, response.Bytes, item?.Title, item?.PublishedOn);
        var result = await ingestor.IngestAsync(document, cancellationToken);
        if (result.Outcome == IngestOutcome.New)
            logger.LogInformation("Source {Source}: new document {Document} ({Bytes:N0} bytes, {MediaType})", source.Name, name, response.Bytes.Length, mediaType);
        return result;
    }

    private static IReadOnlyList<SourceItem> Filter(SourceOptions source, IReadOnlyList<SourceItem> items)
    {
        if (string.IsNullOrWhiteSpace(source.ItemFilter))
            return items;
        var filter = new Regex(source.ItemFilter, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return items.Where(i => filter.IsMatch(i.Title ?? "") || (i.Link is { } link && filter.IsMatch(link.AbsoluteUri))).ToList();
    }
}
