namespace Pipeline.DeployTests.Support;

/// <summary>A compose service's environment as the worker process ends up with it.</summary>
internal static class ComposeEnvironment
{
    /// <summary>
    /// The service's environment with compose's defaults, each Section__Key_FILE replaced by Section__Key
    /// holding the mounted secret's content (what deploy/docker/entrypoint.sh does in the container).
    /// </summary>
    public static Dictionary<string, string> Resolve(ComposeFile compose, string service, GeneratedSecrets secrets)
    {
        var environment = compose.Environment(service).ToDictionary();
        var mounted = compose.Secrets(service).ToDictionary(s => s.Target, s => s.Source);
        foreach (var (key, path) in environment.Where(e => e.Key.EndsWith("_FILE", StringComparison.Ordinal)).ToList())
        {
            if (!mounted.TryGetValue(path, out var secret))
                throw new InvalidOperationException($"{service}: {key}={path}, but no secret of the service is mounted there");
            environment.Remove(key);
            environment[key[..^"_FILE".Length]] = secrets.Read(compose.SecretFile(secret));
        }
        return environment;
    }
}
