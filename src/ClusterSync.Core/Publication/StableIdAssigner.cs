using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>
/// Gives the clusters of a run their directory ids so that ids stay stable across runs: a cluster keeps
/// an organisation's id while at least half of that organisation's members stay in it; when clusters
/// split, the id stays with the larger part; when organisations merge, the one contributing most members
/// survives and the others redirect to it; an organisation none of whose members remain is deleted.
/// A cluster that claims no current id takes back a former one (an organisation merged away, see
/// <see cref="FormerOrganisations"/>) when its records had it before they joined; only then is an id new.
/// Ids are opaque and never reused for another organisation.
/// </summary>
public static class StableIdAssigner
{
    /// <param name="previous">The current organisations whose members are in scope, by id.</param>
    /// <param name="clusters">The new clusters covering every member in scope that still exists.</param>
    /// <param name="newId">Creates a fresh id.</param>
    /// <param name="formerIdsOf">
    /// For a cluster that claims no current id: the ids of merged organisations its records had before they
    /// joined, best first (none when null). The first one no other cluster takes is taken back.
    /// </param>
    public static IdAssignment Assign(
        IReadOnlyDictionary<string, IReadOnlyCollection<SourceRecordKey>> previous,
        IReadOnlyList<IReadOnlyList<SourceRecordKey>> clusters,
        Func<string> newId,
        Func<IReadOnlyList<SourceRecordKey>, IEnumerable<string>>? formerIdsOf = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(newId);

        var ownerOf = new Dictionary<SourceRecordKey, string>();
        foreach (var (id, members) in previous)
        {
            foreach (var member in members)
            {
                ownerOf[member] = id;
            }
        }

        // Of clusters that tie for an id, one whose records can take back a former id of their own leaves it to the others.
        var formerIds = clusters.Select(c => formerIdsOf?.Invoke(c).ToList() ?? []).ToList();
        var overlaps = CountOverlaps(clusters, ownerOf, formerIds);
        var clusterIds = new string?[clusters.Count];
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (cluster, orgId, overlap) in overlaps)
        {
            if (clusterIds[cluster] is null && !claimed.Contains(orgId) && overlap * 2 >= previous[orgId].Count)
            {
                clusterIds[cluster] = orgId;
                claimed.Add(orgId);
            }
        }

        var organisations = new List<AssignedOrganisation>(clusters.Count);
        for (var i = 0; i < clusters.Count; i++)
        {
            var taken = clusterIds[i] is null ? TakeBack(formerIds[i], claimed) : null;
            var isNew = clusterIds[i] is null && taken is null;
            clusterIds[i] ??= taken ?? newId();
            organisations.Add(new AssignedOrganisation(clusterIds[i]!, clusters[i], isNew) { TakenBack = taken is not null });
        }

        var merges = new List<IdMerge>();
        var deleted = new List<string>();
        foreach (var orgId in previous.Keys.Where(id => !claimed.Contains(id)).Order(StringComparer.Ordinal))
        {
            var best = overlaps.FirstOrDefault(o => o.OrgId == orgId);
            if (best.OrgId is null)
            {
                deleted.Add(orgId);
            }
            else
            {
                merges.Add(new IdMerge(orgId, clusterIds[best.Cluster]!));
            }
        }

        return new IdAssignment(organisations, merges, deleted);
    }

    /// <summary>The first former id of the cluster's records that no other cluster claims, or null.</summary>
    private static string? TakeBack(List<string> formerIds, HashSet<string> claimed)
    {
        foreach (var id in formerIds)
        {
            if (claimed.Add(id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>(cluster, organisation, members in common), best candidates first, deterministic.</summary>
    private static List<(int Cluster, string OrgId, int Overlap)> CountOverlaps(
        IReadOnlyList<IReadOnlyList<SourceRecordKey>> clusters, Dictionary<SourceRecordKey, string> ownerOf, List<List<string>> formerIds)
    {
        var result = new List<(int Cluster, string OrgId, int Overlap)>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Count; i++)
        {
            counts.Clear();
            foreach (var member in clusters[i])
            {
                if (ownerOf.TryGetValue(member, out var owner))
                {
                    counts[owner] = counts.GetValueOrDefault(owner) + 1;
                }
            }

            foreach (var (orgId, overlap) in counts)
            {
                result.Add((i, orgId, overlap));
            }
        }

        result.Sort((a, b) =>
        {
            var byOverlap = b.Overlap.CompareTo(a.Overlap);
            if (byOverlap != 0)
            {
                return byOverlap;
            }

            var byOrg = string.CompareOrdinal(a.OrgId, b.OrgId);
            if (byOrg != 0)
            {
                return byOrg;
            }

            var byFormer = (formerIds[a.Cluster].Count > 0).CompareTo(formerIds[b.Cluster].Count > 0);
            if (byFormer != 0)
            {
                return byFormer;
            }

            var bySize = clusters[b.Cluster].Count.CompareTo(clusters[a.Cluster].Count);
            return bySize != 0 ? bySize : a.Cluster.CompareTo(b.Cluster);
        });
        return result;
    }
}

/// <summary>The outcome of <see cref="StableIdAssigner.Assign"/>.</summary>
public sealed record IdAssignment(
    IReadOnlyList<AssignedOrganisation> Organisations,
    IReadOnlyList<IdMerge> Merges,
    IReadOnlyList<string> Deleted);

/// <param name="IsNew">The id is new: the cluster claims no current id and takes back no former one.</param>
public sealed record AssignedOrganisation(string Id, IReadOnlyList<SourceRecordKey> Members, bool IsNew)
{
    /// <summary>The id is a merged organisation's, taken back by records that had it before they joined.</summary>
    public bool TakenBack { get; init; }
}

/// <summary>An organisation merged into another: its id now redirects to <paramref name="SurvivorId"/>.</summary>
public sealed record IdMerge(string LoserId, string SurvivorId);

/// <summary>Creates opaque directory ids: <c>cs-</c> + 26 characters of Crockford base32 (time-ordered, never reused).</summary>
public static class DirectoryIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New() => Encode(Guid.CreateVersion7());

    public static string Encode(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        Span<char> chars = stackalloc char[29];
        chars[0] = 'c';
        chars[1] = 's';
        chars[2] = '-';
        var value = new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        for (var i = 28; i >= 3; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    /// <summary>Whether the text has the shape of a directory id (not whether it exists).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 29 } && id.StartsWith("cs-", StringComparison.Ordinal) && id.AsSpan(3).IndexOfAnyExcept(Alphabet) < 0;
}
