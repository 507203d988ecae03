using ClusterSync.Core.Sync;

namespace ClusterSync.Sources;

/// <summary>The enabled connectors, found by source identifier.</summary>
public sealed class SourceConnectorCatalog(IEnumerable<ISourceConnector> connectors)
{
    private readonly IReadOnlyList<ISourceConnector> _connectors = [.. connectors];

    /// <summary>Source identifiers of the enabled connectors, in registration order.</summary>
    public IReadOnlyList<string> Sources => [.. _connectors.Select(c => c.Source)];

    /// <summary>The connector of <paramref name="source"/>, or null when it is unknown or disabled.</summary>
    public ISourceConnector? Find(string source) =>
        _connectors.FirstOrDefault(c => string.Equals(c.Source, source, StringComparison.Ordinal));

    /// <summary>The connector of <paramref name="source"/>.</summary>
    /// <exception cref="KeyNotFoundException">No enabled connector reads that source.</exception>
    public ISourceConnector Get(string source) =>
        Find(source) ?? throw new KeyNotFoundException(
            $"No enabled connector reads '{source}'; enabled: {(_connectors.Count == 0 ? "none" : string.Join(", ", Sources))}.");
}
