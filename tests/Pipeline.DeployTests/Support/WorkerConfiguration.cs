using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.DeployTests.Support;

/// <summary>
/// A worker's configuration as its container sees it (its appsettings.json, then the environment) run
/// through the worker's own registrations: the same options binding and start-up validation.
/// </summary>
internal sealed class WorkerConfiguration : IDisposable
{
    /// <summary>Variables read by the runtime or OpenTelemetry, not by an options class.</summary>
    private static readonly string[] PlatformPrefixes = ["DOTNET_", "ASPNETCORE_", "OTEL_", "Logging__"];

    private readonly ServiceProvider provider;

    private WorkerConfiguration(Worker worker, IServiceCollection services, ServiceProvider provider)
    {
        Worker = worker;
        this.provider = provider;
        OptionTypes = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0]).Distinct().ToList();
    }

    public Worker Worker { get; }

    /// <summary>The options classes the worker binds from configuration (found in its service registrations).</summary>
    public IReadOnlyList<Type> OptionTypes { get; }

    /// <summary>
    /// Builds the worker's services over its JSON files (extra ones such as the fetcher's sources.json
    /// below appsettings.json, as its Program.cs layers them) plus the given environment (Section__Key).
    /// </summary>
    public static WorkerConfiguration For(Worker worker, IReadOnlyDictionary<string, string> environment)
    {
        var builder = new ConfigurationBuilder();
        foreach (var extra in Directory.EnumerateFiles(Path.GetDirectoryName(worker.AppSettings)!, "*.json")
                     .Where(f => !Path.GetFileName(f).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)).Order())
            builder.AddJsonFile(extra, optional: false);
        var configuration = builder
            .AddJsonFile(worker.AppSettings, optional: false)
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), (string?)e.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        worker.Register(services, configuration);
        return new WorkerConfiguration(worker, services, services.BuildServiceProvider());
    }

    /// <summary>Runs every ValidateOnStart check, as the host does before it starts; throws with the reasons.</summary>
    public void Validate() => provider.GetRequiredService<IStartupValidator>().Validate();

    public T Options<T>() where T : class => provider.GetRequiredService<IOptions<T>>().Value;

    /// <summary>Variables that neither an options class nor the platform reads: typos, or leftovers.</summary>
    public IReadOnlyList<string> UnknownVariables(IEnumerable<string> variables) => variables
        .Where(v => !PlatformPrefixes.Any(p => v.StartsWith(p, StringComparison.Ordinal)))
        .Select(v => v.EndsWith("_FILE", StringComparison.Ordinal) ? v[..^"_FILE".Length] : v)
        .Where(v => !Binds(v.Split("__")))
        .ToList();

    /// <summary>Whether Section__Property[__Index|__Property…] names something an options class binds.</summary>
    private bool Binds(string[] path)
    {
        var type = OptionTypes.FirstOrDefault(t => string.Equals(SectionOf(t), path[0], StringComparison.OrdinalIgnoreCase));
        foreach (var segment in path.Skip(1))
        {
            if (type is null)
                return false;
            if (Element(type) is { } element)
            {
                type = int.TryParse(segment, out _) ? element : null; // a list: the next segment is an index
                continue;
            }
            type = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { SetMethod.IsPublic: true } property
                ? property.PropertyType
                : null;
        }
        return type is not null && path.Length > 1;
    }

    private static Type? Element(Type type) =>
        type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : null;

    /// <summary>The section name an options class declares (its Section or SectionName constant).</summary>
    public static string SectionOf(Type options) =>
        options.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name is "Section" or "SectionName")
            .Select(f => (string)f.GetRawConstantValue()!)
            .SingleOrDefault() ?? throw new InvalidOperationException($"{options.Name} declares no Section constant");

    public void Dispose() => provider.Dispose();
}
