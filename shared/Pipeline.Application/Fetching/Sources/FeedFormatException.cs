namespace Pipeline.Application.Fetching.Sources;

/// <summary>The feed or index page could not be read as such (not XML, not RSS/Atom, bad selector).</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
