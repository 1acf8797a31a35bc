using Pipeline.Application.Fetching;
using Pipeline.Fetcher.Tests.Support;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Fetcher.Tests;

/// <summary>The drop folder: files read once, unchanged files not even re-hashed, stamps kept across restarts.</summary>
public sealed class FolderSourceTests : IDisposable
{
    private readonly TestStore _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string folder, string name, string text, DateTime? modified = null)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, modified ?? new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc));
        return path;
    }

    [Fact]
    public async Task Files_are_read_once_unchanged_ones_are_skipped_and_a_changed_one_is_a_new_version()
    {
        var inbox = _dir.Folder("inbox");
        Write(inbox, "a.md", "# Report A\nWe removed 10 accounts.");
        var b = Write(inbox, "2024/b.txt", "Report B: we removed 20 accounts.");
        Write(inbox, "ignored.docx", "not a supported type");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Folder("inbox", inbox)]);

        var first = await host.PollAsync("inbox");
        var second = await host.PollAsync("inbox");
        var v1 = await host.ReportAsync("2024/b.txt");
        Write(inbox, "2024/b.txt", "Report B (corrected): we removed 21 accounts.", new DateTime(2024, 5, 2, 8, 0, 0, DateTimeKind.Utc));
        var third = await host.PollAsync("inbox");
        File.Delete(Path.Combine(inbox, "a.md"));
        await host.PollAsync("inbox");

        Assert.Equal((2, 0), (first.New, first.Unchanged));
        Assert.Equal((0, 0, 2), (second.New, second.Known, second.Unchanged)); // not read, not hashed
        Assert.Equal((1, 1), (third.New, third.Unchanged));
        Assert.Equal(v1.Id, (await host.ReportAsync("2024/b.txt")).PreviousVersionId);
        Assert.Equal(3, host.Published.Count);
        var state = await host.StateAsync("inbox");
        Assert.Equal(["2024/b.txt"], state.Files.Keys); // the deleted file's stamp is dropped
        Assert.Equal(new FileInfo(b).Length, state.Files["2024/b.txt"].Length);
    }

    [Fact]
    public async Task File_stamps_survive_a_restart_so_nothing_is_read_or_published_again()
    {
        var inbox = _dir.Folder("inbox");
        Write(inbox, "a.md", "Report A");
        Write(inbox, "b.md", "Report B");
        await using (var first = await FetcherHost.StartAsync(_dir.DbPath, [Src.Folder("inbox", inbox)]))
        {
            Assert.Equal(2, (await first.PollAsync("inbox")).New);
            await first.SettledAsync();
        }

        await using var second = await FetcherHost.StartAsync(_dir.DbPath, [Src.Folder("inbox", inbox)]);
        var again = await second.PollAsync("inbox");

        Assert.Equal((0, 0, 2), (again.New, again.Known, again.Unchanged));
        Assert.Empty(second.Published.All);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_rejected_from_its_size_without_being_read()
    {
        var inbox = _dir.Folder("inbox");
        var big = Path.Combine(inbox, "big.txt");
        await using (var stream = File.Create(big))
            stream.SetLength(3L * 1024 * 1024); // sparse: 3 MB over a 1 MB limit
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Folder("inbox", inbox)]);

        var first = await host.PollAsync("inbox");
        var second = await host.PollAsync("inbox");

        Assert.Equal((1, 0), (first.Rejected, second.Rejected));
        var failed = Assert.Single(await host.ReportsAsync());
        Assert.Equal(ReportState.Failed, failed.State);
        Assert.Contains("3,145,728 bytes, over the 1,048,576-byte limit; not read", failed.Error);
        Assert.Empty(host.Published.All);
    }

    [Fact]
    public async Task A_missing_folder_is_a_recorded_source_failure()
    {
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [Src.Folder("gone", Path.Combine(_dir.Root, "gone"))]);

        var report = await host.PollAsync("gone");

        Assert.Contains("does not exist", report.Error);
        Assert.Equal(1, (await host.StateAsync("gone")).ConsecutiveFailures);
    }

    [Fact]
    public async Task The_DropFolder_shorthand_is_polled_as_the_drop_folder_source()
    {
        var inbox = _dir.Folder("inbox");
        Write(inbox, "a.md", "Report A");
        await using var host = await FetcherHost.StartAsync(_dir.DbPath, [],
            new Dictionary<string, string?> { ["Fetch:DropFolder"] = inbox, ["Fetch:PollInterval"] = "00:00:01" }, runWorker: true);

        await Eventually.TrueAsync(() => host.Published.Count == 1, "the drop folder's file published");

        Assert.Equal(SourceCatalog.DropFolderSource, Assert.Single(SourceCatalog.Enabled(host.Options)).Name);
        // The checkpoint is saved when the poll ends, which may be just after the publish: until then there is none.
        await Eventually.TrueAsync(async () => (await host.Store.GetSourceStateAsync(SourceCatalog.DropFolderSource))?.LastSucceededAt is not null,
            "the drop folder's poll recorded as succeeded");
    }
}
