namespace Pipeline.Alerting;

/// <summary>
/// The alerting worker's own queue. Each downstream consumer binds its own queue to the campaign event
/// exchanges, so alerting never competes with another subscriber for the same events.
/// </summary>
public static class AlertingQueue
{
    public const string Name = "alert-campaign";
}
