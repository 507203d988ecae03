using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>
/// Organisations merged into another, with the members they had when they were last active and where their
/// id now redirects. A record that leaves the organisation it was merged into takes back the id it had
/// before (see <see cref="StableIdAssigner"/>), and an old id redirects only to the organisation that holds
/// its records (see <see cref="DirectoryReconciler"/>).
/// </summary>
public sealed class FormerOrganisations
{
    private readonly Dictionary<string, FormerOrganisation> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceRecordKey, List<string>> _byMember = [];

    public int Count => _byId.Count;

    /// <summary>Adds (or replaces) a merged organisation.</summary>
    public void Add(FormerOrganisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        Remove(organisation.Id);
        _byId[organisation.Id] = organisation;
        foreach (var member in organisation.LastMembers)
        {
            if (!_byMember.TryGetValue(member, out var ids))
            {
                _byMember[member] = ids = [];
            }

            ids.Add(organisation.Id);
        }
    }

    /// <summary>Forgets an organisation (active again, or deleted).</summary>
    public void Remove(string id)
    {
        if (!_byId.Remove(id, out var organisation))
        {
            return;
        }

        foreach (var member in organisation.LastMembers)
        {
            if (_byMember.TryGetValue(member, out var ids))
            {
                ids.Remove(id);
                if (ids.Count == 0)
                {
                    _byMember.Remove(member);
                }
            }
        }
    }

    public bool TryGet(string id, out FormerOrganisation organisation) => _byId.TryGetValue(id, out organisation!);

    /// <summary>The merged organisations a record was a member of when they were last active.</summary>
    public IReadOnlyList<string> Of(SourceRecordKey key) => _byMember.TryGetValue(key, out var ids) ? ids : [];
}

/// <summary>A merged organisation: its last version, where it redirects, and its members when it was last active.</summary>
public sealed record FormerOrganisation(string Id, long Version, string RedirectTo, IReadOnlyList<SourceRecordKey> LastMembers);
