using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>
/// Turns the resolver's clusters around a set of changed records into directory writes: stable ids,
/// golden records, merges, deletions and the links of each source record. A record that comes back after it
/// was gone takes the organisation it last belonged to with it: a deleted organisation is restored under its
/// id (or, when the record now joins another organisation, redirects to it). Pure: nothing is written here.
/// </summary>
public sealed class DirectoryReconciler(Survivorship survivorship, Func<string> newId)
{
    public Reconciliation Reconcile(IEntityResolver resolver, DirectoryMembership membership, IReadOnlyCollection<SourceRecordKey> dirtyKeys)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(dirtyKeys);

        var (clusters, previous, deleted) = CloseScope(resolver, membership, dirtyKeys);
        var assignment = StableIdAssigner.Assign(
            previous.ToDictionary(p => p.Key, p => (IReadOnlyCollection<SourceRecordKey>)p.Value.Members, StringComparer.Ordinal),
            [.. clusters.Select(c => c.Members)],
            newId,
            cluster => FormerIdsOf(membership.Former, cluster));

        var writes = new List<OrganisationWrite>();
        var links = new List<LinkWrite>();
        var clusterById = new Dictionary<string, ResolvedCluster>(StringComparer.Ordinal);
        for (var i = 0; i < assignment.Organisations.Count; i++)
        {
            clusterById[assignment.Organisations[i].Id] = clusters[i];
        }

        foreach (var org in assignment.Organisations)
        {
            var write = BuildActive(resolver, org, previous.GetValueOrDefault(org.Id), membership, deleted.Contains(org.Id));
            if (write is not null)
            {
                writes.Add(write);
            }

            var cluster = clusterById[org.Id];
            foreach (var member in org.Members)
            {
                if (!membership.TryGetOrganisation(member, out var current) || current != org.Id)
                {
                    links.Add(new LinkWrite(member, org.Id, BestProbability(cluster, member)));
                }
            }
        }

        foreach (var merge in assignment.Merges)
        {
            writes.Add(new OrganisationWrite(merge.LoserId, OrganisationStatus.Merged, previous[merge.LoserId].Version + 1,
                null, null, null, [], Events.Merged, merge.SurvivorId));
        }

        foreach (var id in assignment.Deleted)
        {
            writes.Add(new OrganisationWrite(id, OrganisationStatus.Deleted, previous[id].Version + 1,
                null, null, null, [], Events.Deleted, null));
        }

        writes.AddRange(Redirects(membership, assignment, previous));
        var held = assignment.Organisations.SelectMany(o => o.Members).ToHashSet();
        var unlinked = previous.Values.SelectMany(p => p.Members).Where(k => !held.Contains(k)).Distinct().ToList();
        var review = resolver.ReviewPairs(held);
        return new Reconciliation(writes, links, unlinked, review);
    }

    /// <summary>
    /// Grows the set of records in play until it is closed: every organisation of a record in play, and
    /// every cluster of such a record, are wholly in play. Each record is asked about once. A returning record
    /// brings the deleted organisation it last belonged to into play, with the returning records as its members.
    /// </summary>
    private static (List<ResolvedCluster> Clusters, Dictionary<string, OrganisationState> Previous, HashSet<string> Deleted) CloseScope(
        IEntityResolver resolver, DirectoryMembership membership, IReadOnlyCollection<SourceRecordKey> dirtyKeys)
    {
        var scope = new HashSet<SourceRecordKey>();
        var previous = new Dictionary<string, OrganisationState>(StringComparer.Ordinal);
        var returning = new Dictionary<string, (long Version, List<SourceRecordKey> Members)>(StringComparer.Ordinal);
        var clusters = new List<ResolvedCluster>();
        var clustered = new HashSet<SourceRecordKey>();
        var pending = new Queue<SourceRecordKey>(dirtyKeys);
        while (pending.Count > 0)
        {
            var batch = new List<SourceRecordKey>();
            while (pending.TryDequeue(out var key))
            {
                if (!scope.Add(key))
                {
                    continue;
                }

                batch.Add(key);
                if (membership.TryGetOrganisation(key, out var orgId) && !previous.ContainsKey(orgId)
                    && membership.TryGetState(orgId, out var state))
                {
                    previous[orgId] = state;
                    foreach (var member in state.Members)
                    {
                        pending.Enqueue(member);
                    }
                }
                else if (membership.TryGetDeletedOrganisation(key, out var deletedId, out var version) && resolver.TryGetRecord(key, out _))
                {
                    ref var back = ref CollectionsMarshal.GetValueRefOrAddDefault(returning, deletedId, out var exists);
                    back = exists ? back : (version, []);
                    back.Members.Add(key);
                }
            }

            foreach (var cluster in resolver.ClustersContaining(batch.Where(k => !clustered.Contains(k))))
            {
                if (!clustered.Add(cluster.Members[0]))
                {
                    continue;
                }

                clusters.Add(cluster);
                foreach (var member in cluster.Members)
                {
                    clustered.Add(member);
                    pending.Enqueue(member);
                }
            }
        }

        foreach (var (id, back) in returning)
        {
            previous[id] = new OrganisationState(back.Version, "", back.Members);
        }

        return (clusters, previous, [.. returning.Keys]);
    }

    /// <summary>
    /// The merged organisations a cluster's records had before they joined another, best first: those at
    /// least half of whose last members are in the cluster, most members in common first.
    /// </summary>
    private static IEnumerable<string> FormerIdsOf(FormerOrganisations former, IReadOnlyList<SourceRecordKey> cluster)
    {
        if (former.Count == 0)
        {
            return [];
        }

        var members = cluster.ToHashSet();
        return cluster.SelectMany(former.Of).Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Overlap: former.TryGet(id, out var f) ? f.LastMembers.Count(members.Contains) : 0, Size: f?.LastMembers.Count ?? 0))
            .Where(c => c.Overlap > 0 && c.Overlap * 2 >= c.Size)
            .OrderByDescending(c => c.Overlap).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Id)
            .ToList();
    }

    /// <summary>
    /// An old id redirects only to the organisation that holds its records: every merged organisation whose
    /// last members or redirect are in play, and whose id was not taken back, now redirects to the
    /// organisation holding most of those records, or is deleted (410) when none holds any.
    /// </summary>
    private static List<OrganisationWrite> Redirects(
        DirectoryMembership membership, IdAssignment assignment, Dictionary<string, OrganisationState> previous)
    {
        var writes = new List<OrganisationWrite>();
        if (membership.Former.Count == 0)
        {
            return writes;
        }

        var assignedOf = new Dictionary<SourceRecordKey, string>();
        foreach (var org in assignment.Organisations)
        {
            foreach (var member in org.Members)
            {
                assignedOf[member] = org.Id;
            }
        }

        var takenBack = assignment.Organisations.Where(o => o.TakenBack).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var inPlay = assignedOf.Keys.Concat(previous.Values.SelectMany(p => p.Members))
            .SelectMany(membership.Former.Of).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var id in inPlay)
        {
            if (takenBack.Contains(id) || !membership.Former.TryGet(id, out var former))
            {
                continue;
            }

            var holder = former.LastMembers
                .Select(m => assignedOf.TryGetValue(m, out var a) ? a : membership.TryGetOrganisation(m, out var o) && !previous.ContainsKey(o) ? o : null)
                .OfType<string>()
                .GroupBy(o => o, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .FirstOrDefault();
            if (holder is null)
            {
                writes.Add(new OrganisationWrite(id, OrganisationStatus.Deleted, former.Version + 1, null, null, null, [], Events.Deleted, null));
            }
            else if (holder != former.RedirectTo)
            {
                writes.Add(new OrganisationWrite(id, OrganisationStatus.Merged, former.Version + 1, null, null, null, [], Events.Merged, holder));
            }
        }

        return writes;
    }

    private OrganisationWrite? BuildActive(IEntityResolver resolver, AssignedOrganisation org, OrganisationState? previous, DirectoryMembership membership, bool restored)
    {
        var records = new List<SourceRecord>(org.Members.Count);
        foreach (var member in org.Members)
        {
            if (resolver.TryGetRecord(member, out var record))
            {
                records.Add(record);
            }
        }

        var golden = survivorship.Build(records);
        var json = RecordJson.Serialize(golden);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var sortedMembers = org.Members.OrderBy(k => k.ToString(), StringComparer.Ordinal).ToList();
        if (previous is not null && previous.GoldenHash == hash)
        {
            return null;
        }

        // Records that belonged to an organisation and now form a new one, or take back their former id, split off.
        var formerVersion = org.TakenBack && membership.Former.TryGet(org.Id, out var former) ? former.Version : 0;
        // A split names the organisation its records left (the change event's survivor id, the feed's splitFrom).
        var splitFrom = previous is null
            ? org.Members.Select(m => membership.TryGetOrganisation(m, out var left) ? left : null).FirstOrDefault(left => left is not null && left != org.Id)
            : null;
        var eventType = restored ? Events.Restored : previous is not null ? Events.Updated : splitFrom is not null ? Events.Split : Events.Created;
        return new OrganisationWrite(org.Id, OrganisationStatus.Active, (previous?.Version ?? formerVersion) + 1, golden, json, hash,
            sortedMembers, eventType, eventType == Events.Split ? splitFrom : null);
    }

    private static double? BestProbability(ResolvedCluster cluster, SourceRecordKey member)
    {
        double? best = null;
        foreach (var link in cluster.Links)
        {
            if ((link.Left == member || link.Right == member) && (best is null || link.Probability > best))
            {
                best = link.Probability;
            }
        }

        return best;
    }

    private static class Events
    {
        public const string Created = ChangeEventTypes.Created;
        public const string Updated = ChangeEventTypes.Updated;
        public const string Merged = ChangeEventTypes.Merged;
        public const string Deleted = ChangeEventTypes.Deleted;
        public const string Split = ChangeEventTypes.Split;
        public const string Restored = ChangeEventTypes.Restored;
    }
}

/// <summary>Everything one reconciliation asks storage to write.</summary>
public sealed record Reconciliation(
    IReadOnlyList<OrganisationWrite> Organisations,
    IReadOnlyList<LinkWrite> Links,
    IReadOnlyList<SourceRecordKey> UnlinkedKeys,
    IReadOnlyList<ScoredPair> ReviewPairs)
{
    public static Reconciliation Empty { get; } = new([], [], [], []);
}

/// <summary>A directory organisation to write, with the change event it produces.</summary>
/// <param name="Golden">Null for merged and deleted organisations.</param>
/// <param name="EventType">One of <see cref="ChangeEventTypes"/>.</param>
/// <param name="SurvivorId">For merges: the organisation the id now redirects to.</param>
public sealed record OrganisationWrite(
    string Id,
    string Status,
    long Version,
    GoldenRecord? Golden,
    string? GoldenJson,
    string? GoldenHash,
    IReadOnlyList<SourceRecordKey> Members,
    string EventType,
    string? SurvivorId);

/// <summary>A source record (re)linked to an organisation.</summary>
public sealed record LinkWrite(SourceRecordKey Key, string OrganisationId, double? MatchProbability);
