using System.CommandLine;
using Pipeline.Application.Export;
using Pipeline.Contracts.Export;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline campaigns`: the campaigns view read back from a store.</summary>
internal static class CampaignsCommand
{
    public static Command Create()
    {
        var json = new Option<string?>("--json") { Description = "Write the export JSON to this file, or '-' for stdout.", HelpName = "file|-" };
        var connection = new ConnectionOptions();
        var command = new Command("campaigns", """
            Print the campaigns held in a store (the same table and export as `ingest`).

            Examples:
              pipeline campaigns --store .data/reports-1a2b3c4d.db
              pipeline campaigns --mongo mongodb://localhost:27017/?replicaSet=rs0 --json -
            """)
        {
            json,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = connection.Resolve(parse, defaultStorePath: null);
            if (settings.MongoUri is null && settings.EmbeddedStorePath is null)
            {
                await Console.Error.WriteLineAsync($"error: say which store to read: --store <file> (ingest prints its path) or --mongo <uri> (or set {ConnectionOptions.StoreVariable} / {ConnectionOptions.MongoVariable}).");
                return 2;
            }
            if (settings.MongoUri is null && !File.Exists(settings.EmbeddedStorePath))
            {
                await Console.Error.WriteLineAsync($"error: no store at '{settings.EmbeddedStorePath}'. Run `pipeline ingest <folder>` first; it prints where it stored the campaigns.");
                return 2;
            }

            var store = PipelineStoreFactory.Create(settings.ToStoreOptions());
            ExportDocument export;
            try
            {
                await store.InitializeAsync(ct);
                export = await new ExportBuilder(store).BuildAsync(ct);
            }
            finally
            {
                if (store is IAsyncDisposable disposable)
                    await disposable.DisposeAsync();
            }
            await ExportWriter.WriteAsync(export, parse.GetValue(json), ct);
            CampaignTable.Write(parse.GetValue(json) == "-" ? Console.Error : Console.Out, export);
            return 0;
        });
        return command;
    }
}
