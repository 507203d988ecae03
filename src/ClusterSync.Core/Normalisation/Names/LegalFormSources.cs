namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Reads legal-form spellings from the ISO 20275 ELF code list and from our alias table.</summary>
internal static class LegalFormSources
{
    /// <summary>Countries whose active ELF forms are used: EU and EEA members, GB, CH, the Western Balkans, UA, TR, US.</summary>
    public static readonly IReadOnlyList<string> Countries =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
        "GB", "CH", "RS", "BA", "ME", "MK", "UA", "TR", "US",
    ];

    private static readonly HashSet<string> CountrySet = [.. Countries];

    /// <summary>Entries of the embedded ELF list and alias table.</summary>
    public static IEnumerable<LegalFormEntry> ReadEmbedded()
    {
        var aliases = ReadAliases(CsvTable.Load(NameResources.LegalFormAliases)).ToList();
        return aliases.Concat(ReadElf(CsvTable.Load(NameResources.ElfCodeList), aliases));
    }

    /// <summary>
    /// Active forms of <see cref="Countries"/> (all US jurisdictions): each local and transliterated
    /// abbreviation (cells split on ';') and each local and transliterated name.
    /// </summary>
    /// <param name="aliases">Alias entries; a form known only by its name is written as an alias with its ELF code.</param>
    /// <exception cref="FormatException">The header lacks a column this reader needs.</exception>
    public static IEnumerable<LegalFormEntry> ReadElf(CsvTable table, IReadOnlyList<LegalFormEntry> aliases)
    {
        var writtenByCode = new Dictionary<(string?, string), string>();
        foreach (var alias in aliases)
        {
            if (alias.ElfCode is not null)
            {
                writtenByCode.TryAdd((alias.Country, alias.ElfCode), alias.Written);
            }
        }

        var columns = new ElfColumns(table);
        foreach (var row in table.Rows)
        {
            var country = row[columns.Country];
            if (row[columns.Status] != "ACTV" || !CountrySet.Contains(country))
            {
                continue;
            }

            foreach (var entry in ReadRow(row, columns, country, writtenByCode))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Rows <c>alias,country,abbreviation,elf,note</c>; country <c>*</c> means any country.</summary>
    /// <exception cref="FormatException">A row does not have five fields or lacks alias, country or abbreviation.</exception>
    public static IEnumerable<LegalFormEntry> ReadAliases(CsvTable table)
    {
        if (table.Header.Count != 5)
        {
            throw new FormatException($"The legal-form alias header needs alias,country,abbreviation,elf,note: {string.Join(',', table.Header)}");
        }

        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            if (row[0].Length == 0 || row[1].Length == 0 || row[2].Length == 0)
            {
                throw new FormatException(
                    $"Legal-form alias line {table.Lines[i]} needs alias,country,abbreviation,elf,note: {string.Join(',', row)}");
            }

            var country = row[1] == "*" ? null : row[1];
            yield return new LegalFormEntry(
                KeyFolder.Fold(row[0], country), row[2], row[3].Length == 0 ? null : row[3], country, LegalFormSource.Alias);
        }
    }

    private static IEnumerable<LegalFormEntry> ReadRow(
        string[] row, ElfColumns columns, string country, Dictionary<(string?, string), string> writtenByCode)
    {
        var code = row[columns.Code];
        var localAbbreviations = SplitCell(row[columns.LocalAbbreviations]);
        var latinAbbreviations = SplitCell(row[columns.TransliteratedAbbreviations]);
        foreach (var abbreviation in localAbbreviations.Concat(latinAbbreviations))
        {
            yield return Entry(abbreviation, abbreviation, LegalFormSource.ElfAbbreviation);
        }

        var localName = row[columns.LocalName].Trim();
        var latinName = row[columns.TransliteratedName].Trim();
        var alias = writtenByCode.GetValueOrDefault((country, code));
        if (localName.Length > 0)
        {
            var written = localAbbreviations.FirstOrDefault() ?? latinAbbreviations.FirstOrDefault() ?? alias ?? localName;
            yield return Entry(localName, written, LegalFormSource.ElfName);
        }

        if (latinName.Length > 0 && latinName != localName)
        {
            var written = latinAbbreviations.FirstOrDefault() ?? localAbbreviations.FirstOrDefault() ?? alias ?? latinName;
            yield return Entry(latinName, written, LegalFormSource.ElfName);
        }

        LegalFormEntry Entry(string text, string written, LegalFormSource source) =>
            new(KeyFolder.Fold(text, country), written, code, country, source);
    }

    private static List<string> SplitCell(string cell)
    {
        var values = new List<string>();
        foreach (var value in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            values.Add(value);
        }

        return values;
    }

    private sealed class ElfColumns
    {
        public ElfColumns(CsvTable table)
        {
            Code = table.Column("ELF Code");
            Country = table.Column("Country Code (ISO 3166-1)");
            LocalName = table.Column("Entity Legal Form name Local name");
            TransliteratedName = table.Column("Entity Legal Form name Transliterated name (per ISO 01-140-10)");
            LocalAbbreviations = table.Column("Abbreviations Local language");
            TransliteratedAbbreviations = table.Column("Abbreviations transliterated");
            Status = table.Column("ELF Status ACTV/INAC");
        }

        public int Code { get; }
        public int Country { get; }
        public int LocalName { get; }
        public int TransliteratedName { get; }
        public int LocalAbbreviations { get; }
        public int TransliteratedAbbreviations { get; }
        public int Status { get; }
    }
}
