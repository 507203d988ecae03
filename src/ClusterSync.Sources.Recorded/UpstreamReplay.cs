using System.Globalization;

namespace ClusterSync.Sources.Recorded;

/// <summary>
/// One platform's recorded responses standing in for the platform: which source they replay, how they
/// answer a request made to the local server serving them, and the settings that point the source's
/// client at that server.
/// </summary>
public abstract class UpstreamReplay(SourceRegistration registration)
{
    /// <summary>Requests per second the replayed source may send: the local server needs no politeness.</summary>
    private const int ReplayRequestsPerSecond = 50;

    /// <summary>The source id of the platform replayed.</summary>
    public string Source => registration.Source;

    /// <summary>Whether this source is replayed when <c>Replay:Sources</c> is not set.</summary>
    public virtual bool ReplayedByDefault => false;

    /// <summary>
    /// The recorded answer to a GET of <paramref name="pathAndQuery"/> (path from the server's root, query
    /// starting with <c>?</c>), or null for a route not recorded.
    /// </summary>
    public abstract RecordedResponse? Respond(string pathAndQuery);

    /// <summary>
    /// Configuration that points the source at the server listening on <paramref name="server"/> and
    /// enables or disables it.
    /// </summary>
    public IReadOnlyDictionary<string, string?> SettingsFor(Uri server, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{registration.Section}:Enabled"] = enabled ? "true" : "false",
            [$"{registration.Section}:BaseAddress"] = BaseAddress(server).ToString(),
            [$"{registration.Section}:RequestsPerSecond"] = ReplayRequestsPerSecond.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The base address the source's client uses on a server whose root is <paramref name="server"/>.</summary>
    protected virtual Uri BaseAddress(Uri server) => server;
}
