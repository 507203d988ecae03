using System.Text;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation;

/// <summary>
/// Turns a <see cref="RawOrganisation"/> into a schema v1 <see cref="SourceRecord"/>, or says why it
/// cannot. Pure and thread-safe.
/// </summary>
public sealed class OrganisationNormaliser
{
    public static OrganisationNormaliser Default { get; } = new();

    public NormalisationOutcome Normalise(RawOrganisation raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var name = raw.Name?.Normalize(NormalizationForm.FormKC).Trim();
        if (string.IsNullOrEmpty(name))
        {
            return NormalisationOutcome.Quarantined("The record has no name.");
        }

        var country = (raw.Country ?? raw.DefaultCountry)?.Trim().ToUpperInvariant();
        if (country is not { Length: 2 })
        {
            return NormalisationOutcome.Quarantined($"Unknown country '{raw.Country}'.");
        }

        var record = new SourceRecord
        {
            Source = raw.Source,
            SourceId = raw.SourceId,
            SourceUrl = raw.SourceUrl,
            Name = name,
            OrganisationType = raw.OrganisationType,
            Address = new PostalAddress(raw.Street, raw.Locality, raw.Region, raw.PostalCode, country),
            Sectors = [.. raw.Sectors.Select(s => new SectorAssignment(s.Scheme, s.Code, s.Label, 1.0))],
            UpdatedAt = raw.UpdatedAt,
        };
        return NormalisationOutcome.Accepted(RecordJson.WithContentHash(record));
    }
}
