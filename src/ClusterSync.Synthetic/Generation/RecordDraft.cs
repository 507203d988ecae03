using System.Globalization;
using ClusterSync.Synthetic.Noise;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>A record being written from an entity: fields in the entity's own script until <see cref="ToScript"/>.</summary>
internal sealed class RecordDraft
{
    public required OrganisationEntity Entity { get; init; }

    public required string NameCore { get; set; }

    public string? LegalForm { get; set; }

    public string? Acronym { get; set; }

    /// <summary>True when the name was rewritten with English words: it then stays in Latin script.</summary>
    public bool LatinName { get; set; }

    public required StreetAddress Address { get; set; }

    public string? Name { get; set; }

    public string? Street { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Website { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public required List<string> Sectors { get; init; }

    public int? Founded { get; set; }

    public static RecordDraft From(OrganisationEntity entity) => new()
    {
        Entity = entity,
        NameCore = entity.NameCore,
        LegalForm = entity.LegalForm,
        Acronym = entity.Acronym,
        Address = entity.Address,
        Website = entity.HasWebsite ? WebAddresses.Website(entity.WebAddress, entity.WebsiteStyle) : null,
        Email = entity.Mailbox is null ? null : entity.Mailbox + "@" + entity.EmailDomain,
        Phone = entity.PhoneDigits is null ? null : PhoneFormats.Format(entity.Country, entity.PhoneDigits, entity.PhoneFormat),
        Sectors = [.. entity.SectorCodes],
        Founded = entity.Founded,
    };

    /// <summary>Writes name, acronym and address fields in <paramref name="script"/>.</summary>
    public void ToScript(Script script, PlaceNames places)
    {
        var entity = Entity;
        var address = Address;
        var name = NameComposer.WithLegalForm(NameCore, LegalForm);
        var language = entity.Language.Code;
        Name = LatinName ? name : Convert(name, script);
        Acronym = Acronym is null ? null : Convert(Acronym, script);
        Street = entity.HasStreet ? Convert(address.Street, script) : null;
        City = places.CityField(address.City, language, script);
        Region = entity.HasRegion ? places.RegionField(address.City, language, script) : null;
        PostalCode = entity.HasPostalCode ? address.PostalCode : null;
        Latitude = entity.HasCoordinates ? address.Latitude : null;
        Longitude = entity.HasCoordinates ? address.Longitude : null;
    }

    public SyntheticRecord ToRecord(string id, int copy, NoiseKinds noise) => new()
    {
        Id = id,
        Name = Name,
        Acronym = Acronym,
        Country = Entity.Country.Code,
        Region = Region,
        City = City,
        PostalCode = PostalCode,
        Street = Street,
        Website = Website,
        Email = Email,
        Phone = Phone,
        Latitude = Latitude,
        Longitude = Longitude,
        Sectors = Sectors.Count == 0 ? null : string.Join(';', Sectors),
        Founded = Founded,
        TrueCluster = Entity.Cluster,
        CopyIndex = copy,
        Traits = Entity.Traits,
        HardNegativeOf = Entity.HardNegativeOf,
        Noise = noise,
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Entity.Cluster}: {Name}");

    /// <summary>Text in the entity's own script (Latin, or Greek) converted to <paramref name="script"/>.</summary>
    private string Convert(string text, Script script) => script switch
    {
        Script.Cyrillic => Scripts.SerbianToCyrillic(text),
        Script.Latin when Entity.Language.Code == Languages.Greek => Scripts.GreekToLatin(text),
        _ => text,
    };
}
