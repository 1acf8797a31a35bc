using System.CommandLine;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline reset-source &lt;name&gt;`: forgets a fetch source's checkpoint, after confirmation.</summary>
internal static class ResetSourceCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "The source's configured name (see `pipeline status`)." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var connection = new ConnectionOptions();
        var command = new Command("reset-source", """
            Forget what the fetcher remembers about a source (validators, seen items, file stamps, errors),
            so its next poll reads everything again. Documents already stored are still recognised by
            content hash and are not published twice. Asks you to type the source name unless --yes.

            Example:
              pipeline reset-source meta-cib --store .data/pipeline.sqlite
            """)
        {
            source, yes,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var opened = await OpenedStore.OpenAsync(connection.Resolve(parse, defaultStorePath: null), ct);
            if (opened is null)
                return 2;
            var name = parse.GetRequiredValue(source);
            if (await opened.Store.GetSourceStateAsync(name, ct) is null)
            {
                var known = (await opened.Store.ListSourceStatesAsync(ct)).Select(s => s.Source).ToArray();
                await Console.Error.WriteLineAsync($"error: no state for source '{name}'. Known: {(known.Length == 0 ? "none" : string.Join(", ", known))}.");
                return 2;
            }
            if (!await Confirmation.ConfirmAsync($"This resets the checkpoint of source '{name}'", name, parse.GetValue(yes)))
                return 1;
            await opened.Store.DeleteSourceStateAsync(name, ct);
            Console.WriteLine($"Source '{name}' reset; its next poll starts from scratch.");
            return 0;
        });
        return command;
    }
}
