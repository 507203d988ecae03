using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>
/// The published directory's shape held in memory: which organisation each source record belongs to,
/// and each organisation's version and golden-record hash; and, for a gone record, the organisation it last
/// belonged to, so that a deleted organisation revives under its id when the record comes back. Mirrors the
/// database after each publication.
/// </summary>
public sealed class DirectoryMembership
{
    private readonly Dictionary<SourceRecordKey, string> _organisationOf = [];
    private readonly Dictionary<string, OrganisationState> _organisations = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceRecordKey, string> _lastOrganisationOfGone = [];
    private readonly Dictionary<string, long> _deletedVersions = new(StringComparer.Ordinal);

    public int OrganisationCount => _organisations.Count;

    public int RecordCount => _organisationOf.Count;

    /// <summary>Organisations merged into another, with their last members (for ids taken back and redirects).</summary>
    public FormerOrganisations Former { get; } = new();

    public bool TryGetOrganisation(SourceRecordKey key, out string organisationId) =>
        _organisationOf.TryGetValue(key, out organisationId!);

    public bool TryGetState(string organisationId, out OrganisationState state) =>
        _organisations.TryGetValue(organisationId, out state!);

    /// <summary>Adds an active organisation as loaded from storage.</summary>
    public void Add(string organisationId, long version, string goldenHash, IEnumerable<SourceRecordKey> members)
    {
        var state = new OrganisationState(version, goldenHash, [.. members]);
        _organisations[organisationId] = state;
        foreach (var member in state.Members)
        {
            _organisationOf[member] = organisationId;
        }
    }

    /// <summary>Adds a gone source record's last link as loaded from storage.</summary>
    public void AddGone(SourceRecordKey key, string lastOrganisationId) => _lastOrganisationOfGone[key] = lastOrganisationId;

    /// <summary>Adds a deleted organisation (one that gone records last belonged to) as loaded from storage.</summary>
    public void AddDeleted(string organisationId, long version) => _deletedVersions[organisationId] = version;

    /// <summary>The deleted organisation a gone record last belonged to, and that organisation's version.</summary>
    public bool TryGetDeletedOrganisation(SourceRecordKey key, out string organisationId, out long version)
    {
        version = 0;
        return _lastOrganisationOfGone.TryGetValue(key, out organisationId!) && _deletedVersions.TryGetValue(organisationId, out version);
    }

    /// <summary>Applies a published reconciliation.</summary>
    public void Apply(Reconciliation reconciliation)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        foreach (var key in reconciliation.UnlinkedKeys)
        {
            if (_organisationOf.Remove(key, out var last))
            {
                _lastOrganisationOfGone[key] = last;
            }
        }

        foreach (var write in reconciliation.Organisations)
        {
            if (write.Status == OrganisationStatus.Active)
            {
                if (_organisations.TryGetValue(write.Id, out var old))
                {
                    foreach (var member in old.Members)
                    {
                        if (_organisationOf.TryGetValue(member, out var owner) && owner == write.Id)
                        {
                            _organisationOf.Remove(member);
                        }
                    }
                }

                _deletedVersions.Remove(write.Id);
                Add(write.Id, write.Version, write.GoldenHash!, write.Members);
                Former.Remove(write.Id);
            }
            else
            {
                RetireFormer(write);
                _organisations.Remove(write.Id);
                if (write.Status == OrganisationStatus.Deleted)
                {
                    _deletedVersions[write.Id] = write.Version;
                }
                else
                {
                    _deletedVersions.Remove(write.Id);
                }
            }
        }

        foreach (var write in reconciliation.Organisations.Where(w => w.Status == OrganisationStatus.Active))
        {
            foreach (var member in write.Members)
            {
                _organisationOf[member] = write.Id;
                _lastOrganisationOfGone.Remove(member);
            }
        }

        foreach (var link in reconciliation.Links)
        {
            _lastOrganisationOfGone.Remove(link.Key);
        }
    }

    /// <summary>A merged organisation is remembered with its last members; a deleted one is forgotten.</summary>
    private void RetireFormer(OrganisationWrite write)
    {
        if (write.Status != OrganisationStatus.Merged || write.SurvivorId is null)
        {
            Former.Remove(write.Id);
            return;
        }

        var lastMembers = _organisations.TryGetValue(write.Id, out var state) ? state.Members
            : Former.TryGet(write.Id, out var former) ? former.LastMembers : [];
        Former.Add(new FormerOrganisation(write.Id, write.Version, write.SurvivorId, lastMembers));
    }
}

/// <summary>An active organisation's published state.</summary>
public sealed record OrganisationState(long Version, string GoldenHash, IReadOnlyList<SourceRecordKey> Members);
