using System.Runtime.Versioning;

// Each test runs four worker processes (and some a broker node) on a small machine: one at a time,
// so their time bounds measure the pipeline, not contention between tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// kill(2), flock-based store locks, rabbitmqctl and the rabbitmq user: these tests run where the workers' containers do.
[assembly: SupportedOSPlatform("linux")]
