using System.CommandLine;
using Pipeline.Application.Export;

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
              pipeline campaigns --store .data/reports-1a2b3c4d.sqlite
              pipeline campaigns --mongo mongodb://localhost:27017/?replicaSet=rs0 --json -
            """)
        {
            json,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var opened = await OpenedStore.OpenAsync(connection.Resolve(parse, defaultStorePath: null), ct);
            if (opened is null)
                return 2;
            var export = await new ExportBuilder(opened.Store).BuildAsync(ct);
            await ExportWriter.WriteAsync(export, parse.GetValue(json), ct);
            CampaignTable.Write(parse.GetValue(json) == "-" ? Console.Error : Console.Out, export);
            return 0;
        });
        return command;
    }
}
