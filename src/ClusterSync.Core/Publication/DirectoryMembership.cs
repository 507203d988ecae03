using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>
/// The published directory's shape held in memory: which organisation each source record belongs to,
/// and each organisation's version and golden-record hash. Mirrors the database after each publication.
/// </summary>
public sealed class DirectoryMembership
{
    private readonly Dictionary<SourceRecordKey, string> _organisationOf = [];
    private readonly Dictionary<string, OrganisationState> _organisations = new(StringComparer.Ordinal);

    public int OrganisationCount => _organisations.Count;

    public int RecordCount => _organisationOf.Count;

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

    /// <summary>Applies a published reconciliation.</summary>
    public void Apply(Reconciliation reconciliation)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        foreach (var key in reconciliation.UnlinkedKeys)
        {
            _organisationOf.Remove(key);
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

                Add(write.Id, write.Version, write.GoldenHash!, write.Members);
            }
            else
            {
                _organisations.Remove(write.Id);
            }
        }

        foreach (var write in reconciliation.Organisations.Where(w => w.Status == OrganisationStatus.Active))
        {
            foreach (var member in write.Members)
            {
                _organisationOf[member] = write.Id;
            }
        }
    }
}

/// <summary>An active organisation's published state.</summary>
public sealed record OrganisationState(long Version, string GoldenHash, IReadOnlyList<SourceRecordKey> Members);
