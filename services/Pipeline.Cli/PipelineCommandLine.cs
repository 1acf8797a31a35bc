using System.CommandLine;
using Pipeline.Cli.Commands;

namespace Pipeline.Cli;

/// <summary>The `pipeline` operator command line.</summary>
public static class PipelineCommandLine
{
    public static RootCommand Build() =>
        new("""
            Takedown pipeline: turns influence-operation takedown reports into deduplicated campaigns.

            Quick start (nothing to install):
              pipeline ingest samples/reports            ingest the bundled samples, print the campaigns
              pipeline ingest samples/reports --json -   the same, as the export JSON on stdout
              pipeline campaigns --store <file>          read campaigns back from a store

            Infrastructure: --rabbitmq amqp://user:pass@host:5672/ and --mongo mongodb://host:27017
            (or PIPELINE_RABBITMQ / PIPELINE_MONGO) switch from the in-memory bus and embedded store.
            """)
        {
            IngestCommand.Create(),
            CampaignsCommand.Create(),
            StatusCommand.Create(),
            ReplayCommand.Create(),
            ReprocessCommand.Create(),
            PurgeCommand.Create(),
            ResetSourceCommand.Create(),
            BenchCommand.Create(),
        };
}
