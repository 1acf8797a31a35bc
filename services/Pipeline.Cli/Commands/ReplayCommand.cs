using System.CommandLine;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline replay &lt;endpoint&gt;`: moves failed messages from the endpoint's _error queue back.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var endpoint = new Argument<string>("endpoint") { Description = $"Endpoint (queue) to replay into: {string.Join(", ", QueueNames.All)}." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would move; move nothing." };
        var limit = new Option<int?>("--limit") { Description = "Move at most this many messages." };
        var exceptionType = new Option<string?>("--exception-type") { Description = "Only messages whose fault's exception type contains this text (e.g. StoreUnavailableException).", HelpName = "text" };
        var messageType = new Option<string?>("--message-type") { Description = "Only messages of this type (e.g. ReportFetched).", HelpName = "text" };
        var connection = new ConnectionOptions();
        var command = new Command("replay", """
            Move messages from <endpoint>_error back to <endpoint> after the cause was fixed. Each message
            is re-published with a broker confirm before its error copy is removed, so an interrupted replay
            never loses a message (at worst one is delivered twice, which the consumers ignore).

            Examples:
              pipeline replay extract-report --dry-run --rabbitmq amqp://guest:guest@localhost:5672/
              pipeline replay cluster-report --exception-type StoreUnavailableException --limit 100
            """)
        {
            endpoint, dryRun, limit, exceptionType, messageType,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = connection.Resolve(parse, defaultStorePath: null);
            if (settings.RabbitMqUri is null)
            {
                await Console.Error.WriteLineAsync($"error: replay works on RabbitMQ queues: pass --rabbitmq <uri> (or set {ConnectionOptions.RabbitMqVariable}).");
                return 2;
            }
            var queue = parse.GetRequiredValue(endpoint);
            if (!QueueNames.All.Contains(queue))
                await Console.Error.WriteLineAsync($"warning: '{queue}' is not one of the pipeline's endpoints ({string.Join(", ", QueueNames.All)}); replaying anyway.");

            await using var admin = new QueueAdmin(new Uri(settings.RabbitMqUri));
            var filter = new ReplayFilter(parse.GetValue(exceptionType), parse.GetValue(messageType));
            var progress = new ProgressLine(Console.Error);
            var result = await admin.ReplayAsync(queue, filter, parse.GetValue(limit), parse.GetValue(dryRun),
                new Progress<int>(moved => progress.Show($"moved {moved}")), ct);
            var verb = parse.GetValue(dryRun) ? "would move" : "moved";
            Console.WriteLine($"{QueueNames.Error(queue)} → {queue}: examined {result.Examined}, matched {result.Matched}, {verb} {(parse.GetValue(dryRun) ? result.Matched : result.Moved)}, left in {QueueNames.Error(queue)} {result.Kept}.");
            return 0;
        });
        return command;
    }
}
