using System.CommandLine;
using Pipeline.Infrastructure.Messaging;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline purge &lt;queue&gt;`: deletes every message waiting in one queue, after confirmation.</summary>
internal static class PurgeCommand
{
    public static Command Create()
    {
        var queue = new Argument<string>("queue") { Description = "Queue to empty, e.g. extract-report_error." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var connection = new ConnectionOptions();
        var command = new Command("purge", """
            Delete every message waiting in a queue. The messages are gone for good: prefer `replay` for
            _error queues. Asks you to type the queue name unless --yes is given.

            Example:
              pipeline purge extract-report_skipped --rabbitmq amqp://guest:guest@localhost:5672/
            """)
        {
            queue, yes,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = connection.Resolve(parse, defaultStorePath: null);
            if (settings.RabbitMqUri is null)
            {
                await Console.Error.WriteLineAsync($"error: purge works on RabbitMQ queues: pass --rabbitmq <uri> (or set {ConnectionOptions.RabbitMqVariable}).");
                return 2;
            }
            var name = parse.GetRequiredValue(queue);
            await using var admin = new QueueAdmin(new Uri(settings.RabbitMqUri));
            var info = await admin.InspectAsync(name, ct);
            if (!info.Exists)
            {
                await Console.Error.WriteLineAsync($"error: queue '{name}' does not exist.");
                return 2;
            }
            if (!await Confirmation.ConfirmAsync($"This deletes {info.Messages} messages from '{name}'", name, parse.GetValue(yes)))
                return 1;
            var purged = await admin.PurgeAsync(name, ct);
            Console.WriteLine($"Purged {purged} messages from {name}.");
            return 0;
        });
        return command;
    }
}
