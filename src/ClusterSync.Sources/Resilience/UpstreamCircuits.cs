using System.Collections.Concurrent;

namespace ClusterSync.Sources.Resilience;

/// <summary>The circuit breaker state of each upstream, as its resilience pipeline last reported it (this instance's view).</summary>
public sealed class UpstreamCircuits
{
    private readonly ConcurrentDictionary<string, CircuitState> _states = new(StringComparer.Ordinal);

    /// <summary>The state of <paramref name="source"/>'s breaker; <c>closed</c> until it reports otherwise.</summary>
    public CircuitState StateOf(string source) => _states.GetValueOrDefault(source, CircuitState.Initial);

    internal void Report(string source, string state, DateTimeOffset since) => _states[source] = new CircuitState(state, since);
}

/// <param name="State"><c>closed</c> (requests flow), <c>open</c> (requests fail fast) or <c>half-open</c> (one trial request).</param>
/// <param name="Since">When it entered that state; null when it never changed.</param>
public sealed record CircuitState(string State, DateTimeOffset? Since)
{
    public static CircuitState Initial { get; } = new("closed", null);
}
