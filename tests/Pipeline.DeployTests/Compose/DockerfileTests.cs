using System.Xml.Linq;
using Pipeline.DeployTests.Support;

namespace Pipeline.DeployTests.Compose;

/// <summary>Each worker's Dockerfile: builds its own project, multi-stage, non-root, nothing secret inside.</summary>
public sealed class DockerfileTests
{
    private readonly ComposeFile compose = ComposeFile.Load();

    private Dockerfile DockerfileOf(string service)
    {
        var (context, dockerfile) = compose.Build(service)!.Value;
        Assert.Equal(".", context);
        Assert.True(File.Exists(RepoPaths.Of(dockerfile)), $"{service}: {dockerfile} does not exist");
        return Dockerfile.Load(RepoPaths.Of(dockerfile));
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Publishes_the_workers_project_and_runs_its_assembly(string service)
    {
        var worker = WorkerCatalog.Named(service);
        var dockerfile = DockerfileOf(service);

        Assert.Equal([worker.ProjectFile], dockerfile.PublishedProjects);
        Assert.Equal([worker.ProjectFile], dockerfile.RestoredProjects);
        Assert.True(File.Exists(RepoPaths.Of(worker.ProjectFile)));
        Assert.DoesNotContain("<AssemblyName>", RepoPaths.ReadText(worker.ProjectFile));
        Assert.Equal($"{worker.Project}.dll", dockerfile.Entrypoint[^1]);
        Assert.Equal("pipeline-entrypoint", dockerfile.Entrypoint[0]);
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Is_multi_stage_with_a_runtime_image_and_a_non_root_user(string service)
    {
        var dockerfile = DockerfileOf(service);
        Assert.True(dockerfile.Stages.Count >= 2, "the SDK must stay in a build stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", dockerfile.Stages[0]);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", dockerfile.Stages[^1]);
        Assert.NotEmpty(dockerfile.Users);
        Assert.DoesNotContain(dockerfile.Users[^1], new[] { "root", "0", "0:0" });
        Assert.DoesNotContain(dockerfile.EnvNames, name =>
            name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Uri", StringComparison.OrdinalIgnoreCase)
            || name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || name.Contains("Token", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Copies_what_exists_and_restores_from_every_referenced_project(string service)
    {
        var dockerfile = DockerfileOf(service);
        Assert.All(dockerfile.ContextCopies, source =>
            Assert.True(File.Exists(RepoPaths.Of(source)) || Directory.Exists(RepoPaths.Of(source)), $"COPY {source}: not in the repository"));

        // The cached restore layer must see every project in the reference closure, or restore misses packages.
        var closure = ProjectClosure(RepoPaths.Of(WorkerCatalog.Named(service).ProjectFile));
        var copied = dockerfile.CopiedBeforeRestore.Select(p => RepoPaths.Of(p)).ToHashSet();
        Assert.All(closure, project => Assert.Contains(project, copied));
    }

    [Theory]
    [MemberData(nameof(WorkerCatalog.Services), MemberType = typeof(WorkerCatalog))]
    public void Build_context_leaves_out_host_build_output_and_secrets(string service)
    {
        var ignore = RepoPaths.Of(compose.Build(service)!.Value.Dockerfile + ".dockerignore");
        Assert.True(File.Exists(ignore), $"{ignore} is missing: host obj/ folders would leak into the build");
        var patterns = File.ReadAllLines(ignore);
        Assert.Contains("**/obj/", patterns);
        Assert.Contains("**/bin/", patterns);
        Assert.Contains("deploy/secrets/", patterns);
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
                continue;
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value)));
        }
        return seen;
    }
}
