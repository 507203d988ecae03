using ClusterSync.Synthetic.Generation;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Noise;

/// <summary>Writes a duplicate of an entity, each kind of noise drawn with its own probability.</summary>
internal sealed class DuplicateNoise(EntityFactory factory, NoiseRates rates)
{
    private const long NoiseStream = 5;
    private readonly NameNoise _names = new(factory.Catalogue);
    private NoiseKinds _applied;
    private SeededRandom _random;

    public SyntheticRecord Apply(OrganisationEntity entity, int copy, string id)
    {
        _random = SeededRandom.For(factory.Seed, entity.Index, copy, NoiseStream);
        _applied = NoiseKinds.None;
        var draft = RecordDraft.From(entity);
        ChangeNameStructure(draft);
        if (Draw(rates.AddressMoved, NoiseKinds.AddressMoved))
        {
            draft.Address = factory.Addresses.Moved(entity.Country, entity.Address.City, ref _random);
        }

        draft.ToScript(ChooseScript(entity), factory.Names.Places);
        ChangeCharacters(draft);
        ChangeAddress(draft);
        ChangeContacts(draft);
        ChangeFacts(draft);
        return draft.ToRecord(id, copy, _applied);
    }

    private bool Draw(double probability, NoiseKinds kind)
    {
        if (!_random.Chance(probability))
        {
            return false;
        }

        _applied |= kind;
        return true;
    }

    private void ChangeNameStructure(RecordDraft draft)
    {
        var entity = draft.Entity;
        var language = entity.Language.Code;
        if (entity.Choices is { } choices && language != Languages.English && Draw(rates.NameTranslated, NoiseKinds.NameTranslated))
        {
            var template = factory.Catalogue.Templates[Languages.English].Pick(ref _random);
            draft.NameCore = factory.Names.Render(choices, template, Languages.English);
            draft.LatinName = true;
        }

        if (Draw(rates.GenericNounTranslated, NoiseKinds.GenericNounTranslated)
            && _names.TranslateNoun(draft.NameCore, entity.Country.LocalLanguage) is { } translated)
        {
            draft.NameCore = translated;
            draft.LatinName |= language == Languages.Serbian;
        }

        if (Draw(rates.WordOrderSwap, NoiseKinds.WordOrderSwap))
        {
            draft.NameCore = NameNoise.SwapWords(draft.NameCore, ref _random);
        }

        if (draft.Acronym is { } acronym)
        {
            if (Draw(rates.NameAcronym, NoiseKinds.NameAcronym))
            {
                draft.NameCore = acronym;
            }
            else if (Draw(rates.NameWithAcronym, NoiseKinds.NameWithAcronym))
            {
                draft.NameCore = _random.Chance(0.6) ? draft.NameCore + " (" + acronym + ")" : acronym + " – " + draft.NameCore;
            }
        }

        if (Draw(rates.LegalFormChange, NoiseKinds.LegalFormChange))
        {
            draft.LegalForm = _names.ChangeLegalForm(draft.LegalForm, entity.Country, language, ref _random);
        }
    }

    private Script ChooseScript(OrganisationEntity entity)
    {
        var script = entity.Script;
        if (entity.Language.Code == Languages.Serbian && Draw(rates.Transliterated, NoiseKinds.Transliterated))
        {
            return script == Script.Cyrillic ? Script.Latin : Script.Cyrillic;
        }

        return script == Script.Greek && Draw(rates.Transliterated, NoiseKinds.Transliterated) ? Script.Latin : script;
    }

    private void ChangeCharacters(RecordDraft draft)
    {
        if (Draw(rates.DiacriticsStripped, NoiseKinds.DiacriticsStripped))
        {
            draft.Name = TextNoise.StripDiacritics(draft.Name!);
            draft.Street = draft.Street is null ? null : TextNoise.StripDiacritics(draft.Street);
            draft.City = draft.City is null ? null : TextNoise.StripDiacritics(draft.City);
        }

        if (Draw(rates.CaseChange, NoiseKinds.CaseChange))
        {
            draft.Name = TextNoise.ChangeCase(draft.Name!, ref _random);
        }

        if (Draw(rates.NameTypo, NoiseKinds.NameTypo))
        {
            draft.Name = TextNoise.Typo(draft.Name!, ref _random);
            if (_random.Chance(0.2))
            {
                draft.Name = TextNoise.Typo(draft.Name, ref _random);
            }
        }
    }

    private void ChangeAddress(RecordDraft draft)
    {
        var style = factory.Catalogue.StreetStyles[draft.Entity.Country.StreetStyle];
        if (draft.Street is { } street && Draw(rates.StreetAbbreviated, NoiseKinds.StreetAbbreviated))
        {
            draft.Street = Abbreviate(street, style);
        }

        if (draft.Street is { } typed && Draw(rates.StreetTypo, NoiseKinds.StreetTypo))
        {
            draft.Street = TextNoise.Typo(typed, ref _random);
        }

        draft.Street = Missing() ? null : draft.Street;
        draft.PostalCode = Missing() ? null : draft.PostalCode;
        draft.City = Missing() ? null : draft.City;
        draft.Region = Missing() ? null : draft.Region;
        if (draft.Latitude is { } lat && draft.Longitude is { } lon)
        {
            if (Draw(rates.CoordinatesMissing, NoiseKinds.CoordinatesMissing))
            {
                (draft.Latitude, draft.Longitude) = (null, null);
            }
            else if (Draw(rates.CoordinatesJittered, NoiseKinds.CoordinatesJittered))
            {
                (draft.Latitude, draft.Longitude) = AddressComposer.Jitter(lat, lon, 0.9, ref _random);
            }
        }
    }

    private bool Missing() => Draw(rates.FieldMissing, NoiseKinds.FieldMissing);

    private string Abbreviate(string street, StreetStyle style)
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
        if (Draw(rates.WebsiteMissing, NoiseKinds.WebsiteMissing))
        {
            draft.Website = null;
        }
        else if (draft.Website is not null && Draw(rates.WebsiteVariant, NoiseKinds.WebsiteVariant))
        {
            draft.Website = WebAddresses.Variant(entity.WebAddress, entity.WebsiteStyle, ref _random);
        }

        if (Draw(rates.EmailMissing, NoiseKinds.EmailMissing))
        {
            draft.Email = null;
        }
        else if (Draw(rates.EmailOtherMailbox, NoiseKinds.EmailOtherMailbox))
        {
            var language = entity.Language.Code;
            var words = factory.Catalogue.WordsFor(language, _random.Chance(0.6) ? "staff" : "mailbox");
            var pick = _random.Next(words.Length);
            var mailbox = words[pick] == entity.Mailbox ? words[(pick + 1) % words.Length] : words[pick];
            draft.Email = mailbox + "@" + entity.EmailDomain;
        }

        if (Draw(rates.PhoneMissing, NoiseKinds.PhoneMissing))
        {
            draft.Phone = null;
        }
        else if (entity.PhoneDigits is { } digits && Draw(rates.PhoneReformatted, NoiseKinds.PhoneReformatted))
        {
            var format = (entity.PhoneFormat + 1 + _random.Next(PhoneFormats.FormatCount - 1)) % PhoneFormats.FormatCount;
            draft.Phone = PhoneFormats.Format(entity.Country, digits, format);
        }
    }

    private void ChangeFacts(RecordDraft draft)
    {
        if (Draw(rates.AcronymChanged, NoiseKinds.AcronymChanged))
        {
            draft.Acronym = draft.Acronym is null ? Acronyms.Derive(draft.Name!) : null;
        }

        if (draft.Sectors.Count > 0 && Draw(rates.SectorsChanged, NoiseKinds.SectorsChanged))
        {
            if (draft.Sectors.Count > 1 && _random.Chance(0.5))
            {
                draft.Sectors.RemoveAt(_random.Next(draft.Sectors.Count));
            }
            else
            {
                SectorCodes.AddDistinct(draft.Sectors, SectorCodes.Related(draft.Entity.Sector, ref _random));
            }
        }

        if (draft.Sectors.Count > 0 && Missing())
        {
            draft.Sectors.Clear();
        }

        if (draft.Founded is { } year)
        {
            if (Draw(rates.FoundedMissing, NoiseKinds.FoundedMissing))
            {
                draft.Founded = null;
            }
            else if (Draw(rates.FoundedShifted, NoiseKinds.FoundedShifted))
            {
                draft.Founded = year + (_random.Chance(0.5) ? 1 : -1);
            }
        }
    }
}
