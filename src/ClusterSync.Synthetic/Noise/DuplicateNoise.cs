using ClusterSync.Synthetic.Generation;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Noise;

/// <summary>
/// Writes a duplicate of an entity, each kind of noise drawn with its own probability. A kind is
/// reported in <see cref="SyntheticRecord.Noise"/> only when it changed something.
/// </summary>
internal sealed class DuplicateNoise(EntityFactory factory, NoiseRates rates)
{
    private const long NoiseStream = 5;
    private readonly NameNoise _names = new(factory.Catalogue);
    private NoiseKinds _applied;
    private SeededRandom _random;

    /// <param name="rejoinQualifier">
    /// For a record written while a part of the organisation was separate: the city that part added to the
    /// name (<see cref="NoiseKinds.Rejoined"/>).
    /// </param>
    public SyntheticRecord Apply(OrganisationEntity entity, int copy, string id, string? rejoinQualifier = null)
    {
        _random = SeededRandom.For(factory.Seed, entity.Index, copy, NoiseStream);
        _applied = NoiseKinds.None;
        var draft = RecordDraft.From(entity);
        if (rejoinQualifier is not null)
        {
            draft.NameCore = entity.NameCore + " " + rejoinQualifier;
            _applied |= NoiseKinds.Rejoined;
        }

        ChangeNameStructure(draft);
        if (Roll(rates.AddressMoved))
        {
            draft.Address = factory.Addresses.Moved(entity.Country, entity.Address.City, ref _random);
            Mark(NoiseKinds.AddressMoved, entity.Address.Street, draft.Address.Street);
        }

        draft.ToScript(ChooseScript(entity), factory.Names.Places);
        ChangeCharacters(draft);
        ChangeAddress(draft);
        ChangeContacts(draft);
        ChangeFacts(draft);
        return draft.ToRecord(id, copy, _applied);
    }

    private bool Roll(double probability) => _random.Chance(probability);

    private void Mark(NoiseKinds kind, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            _applied |= kind;
        }
    }

    private void ChangeNameStructure(RecordDraft draft)
    {
        var entity = draft.Entity;
        var language = entity.Language.Code;
        var original = draft.NameCore;
        if (entity.Choices is { } choices && language != Languages.English && Roll(rates.NameTranslated))
        {
            var template = factory.Catalogue.Templates[Languages.English].Pick(ref _random);
            draft.NameCore = factory.Names.Render(choices, template, Languages.English);
            draft.LatinName = true;
            Mark(NoiseKinds.NameTranslated, original, draft.NameCore);
        }

        if (Roll(rates.GenericNounTranslated) && _names.TranslateNoun(draft.NameCore, entity.Country.LocalLanguage) is { } translated)
        {
            draft.NameCore = translated;
            draft.LatinName |= language == Languages.Serbian;
            _applied |= NoiseKinds.GenericNounTranslated;
        }

        if (Roll(rates.WordOrderSwap))
        {
            var before = draft.NameCore;
            draft.NameCore = NameNoise.SwapWords(before, ref _random);
            Mark(NoiseKinds.WordOrderSwap, before, draft.NameCore);
        }

        AddAcronym(draft);
        if (Roll(rates.LegalFormChange))
        {
            var before = draft.LegalForm;
            draft.LegalForm = _names.ChangeLegalForm(before, entity.Country, language, ref _random);
            Mark(NoiseKinds.LegalFormChange, before, draft.LegalForm);
        }
    }

    private void AddAcronym(RecordDraft draft)
    {
        if (draft.Acronym is not { } acronym)
        {
            return;
        }

        if (Roll(rates.NameAcronym))
        {
            draft.NameCore = acronym;
            _applied |= NoiseKinds.NameAcronym;
        }
        else if (Roll(rates.NameWithAcronym))
        {
            draft.NameCore = _random.Chance(0.6) ? draft.NameCore + " (" + acronym + ")" : acronym + " – " + draft.NameCore;
            _applied |= NoiseKinds.NameWithAcronym;
        }
    }

    private Script ChooseScript(OrganisationEntity entity)
    {
        var script = entity.Script;
        var flipped = entity.Language.Code == Languages.Serbian ? (script == Script.Cyrillic ? Script.Latin : Script.Cyrillic)
            : script == Script.Greek ? Script.Latin
            : script;
        if (flipped == script || !Roll(rates.Transliterated))
        {
            return script;
        }

        _applied |= NoiseKinds.Transliterated;
        return flipped;
    }

    private void ChangeCharacters(RecordDraft draft)
    {
        if (Roll(rates.DiacriticsStripped))
        {
            var (name, street, city) = (draft.Name, draft.Street, draft.City);
            draft.Name = TextNoise.StripDiacritics(name!);
            draft.Street = street is null ? null : TextNoise.StripDiacritics(street);
            draft.City = city is null ? null : TextNoise.StripDiacritics(city);
            Mark(NoiseKinds.DiacriticsStripped, name + street + city, draft.Name + draft.Street + draft.City);
        }

        if (Roll(rates.CaseChange))
        {
            var before = draft.Name;
            draft.Name = TextNoise.ChangeCase(before!, ref _random);
            Mark(NoiseKinds.CaseChange, before, draft.Name);
        }

        if (Roll(rates.NameTypo))
        {
            var before = draft.Name!;
            draft.Name = TextNoise.Typo(before, ref _random);
            if (_random.Chance(0.2))
            {
                draft.Name = TextNoise.Typo(draft.Name, ref _random);
            }

            Mark(NoiseKinds.NameTypo, before, draft.Name);
        }
    }

    private void ChangeAddress(RecordDraft draft)
    {
        var style = factory.Catalogue.StreetStyles[draft.Entity.Country.StreetStyle];
        if (draft.Street is { } street && Roll(rates.StreetAbbreviated))
        {
            draft.Street = Abbreviate(street, style);
            Mark(NoiseKinds.StreetAbbreviated, street, draft.Street);
        }

        if (draft.Street is { } typed && Roll(rates.StreetTypo))
        {
            draft.Street = TextNoise.Typo(typed, ref _random);
            Mark(NoiseKinds.StreetTypo, typed, draft.Street);
        }

        draft.Street = Missing(draft.Street);
        draft.PostalCode = Missing(draft.PostalCode);
        draft.City = Missing(draft.City);
        draft.Region = Missing(draft.Region);
        if (draft.Latitude is { } lat && draft.Longitude is { } lon)
        {
            if (Roll(rates.CoordinatesMissing))
            {
                (draft.Latitude, draft.Longitude) = (null, null);
                _applied |= NoiseKinds.CoordinatesMissing;
            }
            else if (Roll(rates.CoordinatesJittered))
            {
                (draft.Latitude, draft.Longitude) = AddressComposer.Jitter(lat, lon, 0.9, ref _random);
                _applied |= NoiseKinds.CoordinatesJittered;
            }
        }
    }

    /// <summary>The value, or null with probability <see cref="NoiseRates.FieldMissing"/>.</summary>
    private string? Missing(string? value)
    {
        if (value is null || !Roll(rates.FieldMissing))
        {
            return value;
        }

        _applied |= NoiseKinds.FieldMissing;
        return null;
    }

    private static string Abbreviate(string street, StreetStyle style)
    {
        foreach (var (full, abbreviation) in style.Abbreviations)
        {
            if (street.Contains(full, StringComparison.Ordinal))
            {
                return street.Replace(full, abbreviation, StringComparison.Ordinal).Trim();
            }
        }

        return street;
    }

    private void ChangeContacts(RecordDraft draft)
    {
        var entity = draft.Entity;
        if (draft.Website is not null)
        {
            if (Roll(rates.WebsiteMissing))
            {
                draft.Website = null;
                _applied |= NoiseKinds.WebsiteMissing;
            }
            else if (Roll(rates.WebsiteVariant))
            {
                draft.Website = WebAddresses.Variant(entity.WebAddress, entity.WebsiteStyle, ref _random);
                _applied |= NoiseKinds.WebsiteVariant;
            }
        }

        if (draft.Email is not null && Roll(rates.EmailMissing))
        {
            draft.Email = null;
            _applied |= NoiseKinds.EmailMissing;
        }
        else if (Roll(rates.EmailOtherMailbox))
        {
            var words = factory.Catalogue.WordsFor(entity.Language.Code, _random.Chance(0.6) ? "staff" : "mailbox");
            var pick = _random.Next(words.Length);
            var mailbox = words[pick] == entity.Mailbox ? words[(pick + 1) % words.Length] : words[pick];
            draft.Email = mailbox + "@" + entity.EmailDomain;
            _applied |= NoiseKinds.EmailOtherMailbox;
        }

        if (draft.Phone is not null && Roll(rates.PhoneMissing))
        {
            draft.Phone = null;
            _applied |= NoiseKinds.PhoneMissing;
        }
        else if (entity.PhoneDigits is { } digits && Roll(rates.PhoneReformatted))
        {
            var format = (entity.PhoneFormat + 1 + _random.Next(PhoneFormats.FormatCount - 1)) % PhoneFormats.FormatCount;
            draft.Phone = PhoneFormats.Format(entity.Country, digits, format);
            _applied |= NoiseKinds.PhoneReformatted;
        }
    }

    private void ChangeFacts(RecordDraft draft)
    {
        if (Roll(rates.AcronymChanged))
        {
            var before = draft.Acronym;
            draft.Acronym = before is null ? Acronyms.Derive(draft.Name!) : null;
            Mark(NoiseKinds.AcronymChanged, before, draft.Acronym);
        }

        if (draft.Sectors.Count > 0 && Roll(rates.SectorsChanged))
        {
            if (draft.Sectors.Count > 1 && _random.Chance(0.5))
            {
                draft.Sectors.RemoveAt(_random.Next(draft.Sectors.Count));
                _applied |= NoiseKinds.SectorsChanged;
            }
            else
            {
                var count = draft.Sectors.Count;
                SectorCodes.AddDistinct(draft.Sectors, SectorCodes.Related(draft.Entity.Sector, ref _random));
                _applied |= draft.Sectors.Count > count ? NoiseKinds.SectorsChanged : NoiseKinds.None;
            }
        }

        if (draft.Sectors.Count > 0 && Roll(rates.FieldMissing))
        {
            draft.Sectors.Clear();
            _applied |= NoiseKinds.FieldMissing;
        }

        if (draft.Founded is { } year)
        {
            if (Roll(rates.FoundedMissing))
            {
                draft.Founded = null;
                _applied |= NoiseKinds.FoundedMissing;
            }
            else if (Roll(rates.FoundedShifted))
            {
                draft.Founded = year + (_random.Chance(0.5) ? 1 : -1);
                _applied |= NoiseKinds.FoundedShifted;
            }
        }
    }
}
