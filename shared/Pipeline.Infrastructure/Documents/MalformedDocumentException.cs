namespace Pipeline.Infrastructure.Documents;

/// <summary>
/// The document can never be read (empty, binary, not the format it claims). Permanent: the report is
/// recorded as failed with this message and the message is consumed, never retried.
/// </summary>
public sealed class MalformedDocumentException(string message, Exception? inner = null) : Exception(message, inner);
