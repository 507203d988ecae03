using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>Survivorship settings: which sources win, and which rule decides each field.</summary>
public sealed class SurvivorshipPolicy
{
    /// <summary>
    /// Source ids in order of trust, as configured (the host's <c>Survivorship:SourcePriority</c>); empty by
    /// default, so that a configured list is the whole list. Sources not listed rank after those listed.
    /// </summary>
    public IList<string> SourcePriority { get; init; } = [];

    /// <summary>Field (camelCase) → rule; fields not listed use <see cref="DefaultRules"/>.</summary>
    public IDictionary<string, string> FieldRules { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> DefaultRules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = SurvivorshipRules.SourcePriority,
        ["acronym"] = SurvivorshipRules.SourcePriority,
        ["legalForm"] = SurvivorshipRules.SourcePriority,
        ["organisationType"] = SurvivorshipRules.SourcePriority,
        ["address"] = SurvivorshipRules.MostComplete,
        ["coordinates"] = SurvivorshipRules.SourcePriority,
        ["phone"] = SurvivorshipRules.MostRecent,
        ["website"] = SurvivorshipRules.SourcePriority,
        ["emailDomain"] = SurvivorshipRules.MostRecent,
        ["members"] = SurvivorshipRules.MostRecent,
        ["yearFounded"] = SurvivorshipRules.SourcePriority,
        ["updatedAt"] = SurvivorshipRules.MostRecent,
        ["alternateNames"] = SurvivorshipRules.Union,
        ["sectors"] = SurvivorshipRules.Union,
        ["labels"] = SurvivorshipRules.Union,
        ["partnerships"] = SurvivorshipRules.Union,
    };

    public string RuleFor(string field) =>
        FieldRules.TryGetValue(field, out var rule) ? rule : DefaultRules.GetValueOrDefault(field, SurvivorshipRules.SourcePriority);
}

/// <summary>Builds golden records from member source records. Deterministic: member order does not matter.</summary>
public sealed class Survivorship(SurvivorshipPolicy policy)
{
    /// <summary>Default rules and no source preferred over another.</summary>
    public static Survivorship Default { get; } = new(new SurvivorshipPolicy());

    public GoldenRecord Build(IReadOnlyList<SourceRecord> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A golden record needs at least one member.", nameof(members));
        }

        var ordered = members.OrderBy(m => m.Source, StringComparer.Ordinal).ThenBy(m => m.SourceId, StringComparer.Ordinal).ToList();
        var provenance = new Dictionary<string, FieldProvenance>(StringComparer.Ordinal);

        T? Pick<T>(string field, Func<SourceRecord, T?> value, Func<T, int>? completeness = null)
            where T : class
        {
            var chosen = Choose(field, ordered, r => value(r) is not null, completeness is null ? null : r => completeness(value(r)!));
            if (chosen is null)
            {
                return null;
            }

            provenance[field] = new FieldProvenance(chosen.Value.Rule, chosen.Value.Record.Source, chosen.Value.Record.SourceId);
            return value(chosen.Value.Record);
        }

        int? PickNumber(string field, Func<SourceRecord, int?> value)
        {
            var chosen = Choose(field, ordered, r => value(r).HasValue, null);
            if (chosen is null)
            {
                return null;
            }

            provenance[field] = new FieldProvenance(chosen.Value.Rule, chosen.Value.Record.Source, chosen.Value.Record.SourceId);
            return value(chosen.Value.Record);
        }

        var name = Pick("name", r => r.Name)!;
        var website = Pick("website", r => r.Website);
        if (website is not null)
        {
            provenance["registrableDomain"] = provenance["website"];
        }

        var websiteRecord = website is null ? null : ordered.First(r => r.Website == website);
        var updated = ordered.Where(r => r.UpdatedAt.HasValue).MaxBy(r => r.UpdatedAt);
        if (updated is not null)
        {
            provenance["updatedAt"] = new FieldProvenance(SurvivorshipRules.MostRecent, updated.Source, updated.SourceId);
        }

        return new GoldenRecord
        {
            Name = name,
            Acronym = Pick("acronym", r => r.Acronym),
            LegalForm = Pick("legalForm", r => r.LegalForm),
            OrganisationType = Pick("organisationType", r => r.OrganisationType),
            Address = Pick("address", r => r.Address, AddressCompleteness),
            Coordinates = Pick("coordinates", r => r.Coordinates),
            Phone = Pick("phone", r => r.Phone),
            Website = website,
            RegistrableDomain = websiteRecord?.RegistrableDomain,
            EmailDomain = Pick("emailDomain", r => r.EmailDomain),
            Members = Pick("members", r => r.Members, MembersCompleteness),
            YearFounded = PickNumber("yearFounded", r => r.YearFounded),
            UpdatedAt = updated?.UpdatedAt,
            AlternateNames = Union("alternateNames", ordered, r => [r.Name, .. r.AlternateNames], provenance,
                exclude: name, comparer: StringComparer.OrdinalIgnoreCase),
            Sectors = UnionSectors(ordered, provenance),
            Labels = Union("labels", ordered, r => r.Labels, provenance),
            Partnerships = Union("partnerships", ordered, r => r.Partnerships, provenance, comparer: StringComparer.OrdinalIgnoreCase),
            SourceRecords = [.. ordered.Select(r => new MemberReference(r.Source, r.SourceId, r.SourceUrl, r.ContentHash))],
            Provenance = provenance,
        };
    }

    private (SourceRecord Record, string Rule)? Choose(
        string field, List<SourceRecord> ordered, Func<SourceRecord, bool> hasValue, Func<SourceRecord, int>? completeness)
    {
        var candidates = ordered.Where(hasValue).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var rule = policy.RuleFor(field);
        if (rule == SurvivorshipRules.MostComplete && completeness is null)
        {
            rule = SurvivorshipRules.SourcePriority;
        }

        // Every rule breaks ties the same way: source priority, then most recent, then record key.
        IOrderedEnumerable<SourceRecord> ranked = rule switch
        {
            SurvivorshipRules.MostRecent => candidates.OrderByDescending(r => r.UpdatedAt ?? DateTimeOffset.MinValue).ThenBy(PriorityOf),
            SurvivorshipRules.MostComplete => candidates.OrderByDescending(completeness!).ThenBy(PriorityOf),
            _ => candidates.OrderBy(PriorityOf),
        };
        var best = ranked.ThenByDescending(r => r.UpdatedAt ?? DateTimeOffset.MinValue).First();
        return (best, rule == SurvivorshipRules.Union ? SurvivorshipRules.SourcePriority : rule);
    }

    private int PriorityOf(SourceRecord record)
    {
        var index = policy.SourcePriority.IndexOf(record.Source);
        return index < 0 ? policy.SourcePriority.Count : index;
    }

    private static IReadOnlyList<string> Union(
        string field,
        List<SourceRecord> ordered,
        Func<SourceRecord, IEnumerable<string>> values,
        Dictionary<string, FieldProvenance> provenance,
        string? exclude = null,
        StringComparer? comparer = null)
    {
        comparer ??= StringComparer.Ordinal;
        var seen = new HashSet<string>(comparer);
        if (exclude is not null)
        {
            seen.Add(exclude);
        }

        var result = new List<string>();
        var contributors = new List<string>();
        foreach (var record in ordered)
        {
            var contributed = false;
            foreach (var value in values(record))
            {
                if (seen.Add(value))
                {
                    result.Add(value);
                    contributed = true;
                }
            }

            if (contributed)
            {
                contributors.Add(record.Key.ToString());
            }
        }

        if (contributors.Count > 0)
        {
            var first = ordered.First(r => r.Key.ToString() == contributors[0]);
            provenance[field] = new FieldProvenance(SurvivorshipRules.Union, first.Source, first.SourceId, contributors);
        }

        return result;
    }

    private static IReadOnlyList<SectorAssignment> UnionSectors(List<SourceRecord> ordered, Dictionary<string, FieldProvenance> provenance)
    {
        var best = new Dictionary<(string Scheme, string Code), SectorAssignment>();
        var contributors = new List<string>();
        foreach (var record in ordered)
        {
            if (record.Sectors.Count > 0)
            {
                contributors.Add(record.Key.ToString());
            }

            foreach (var sector in record.Sectors)
            {
                var key = (sector.Scheme, sector.Code);
                if (!best.TryGetValue(key, out var existing) || sector.Weight > existing.Weight)
                {
                    best[key] = sector;
                }
            }
        }

        if (contributors.Count > 0)
        {
            var first = ordered.First(r => r.Sectors.Count > 0);
            provenance["sectors"] = new FieldProvenance(SurvivorshipRules.Union, first.Source, first.SourceId, contributors);
        }

        return [.. best.Values.OrderBy(s => s.Scheme, StringComparer.Ordinal).ThenByDescending(s => s.Weight).ThenBy(s => s.Code, StringComparer.Ordinal)];
    }

    private static int AddressCompleteness(PostalAddress address) =>
        (address.Street is null ? 0 : 1) + (address.Locality is null ? 0 : 1) + (address.RegionCode is null ? 0 : 1) + (address.PostalCode is null ? 0 : 1);

    private static int MembersCompleteness(MemberCounts members) =>
        (members.Total.HasValue ? 1 : 0) + (members.Smes.HasValue ? 1 : 0) + (members.LargeCompanies.HasValue ? 1 : 0)
        + (members.ResearchOrganisations.HasValue ? 1 : 0) + (members.Others.HasValue ? 1 : 0);
}
