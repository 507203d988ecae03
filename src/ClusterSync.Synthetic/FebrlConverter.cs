using System.Globalization;

namespace ClusterSync.Synthetic;

/// <summary>
/// Converts the Febrl synthetic person data sets (labelled by <c>rec-N-org</c> / <c>rec-N-dup-k</c>)
/// into resolve-CSV records, as a general name-and-address linkage test. Date of birth and social
/// security number are left out on purpose: organisations have neither.
/// </summary>
public static class FebrlConverter
{
    private static readonly string[] RequiredColumns =
        ["rec_id", "given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state"];

    /// <summary>
    /// Reads one Febrl CSV: name = given name + surname, street = number + address 1 (+ ", " address 2),
    /// city = suburb, postal code = postcode, region = state, country = AU, true cluster = N of <c>rec-N-…</c>.
    /// </summary>
    /// <param name="idPrefix">Prepended to every <c>rec_id</c> (e.g. <c>a-</c>).</param>
    /// <exception cref="FormatException">The header lacks a column, a line has the wrong number of fields, contains a quote, or a <c>rec_id</c> is not <c>rec-N-…</c>.</exception>
    public static IEnumerable<SyntheticRecord> Convert(TextReader febrlCsv, string idPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(febrlCsv);
        ArgumentNullException.ThrowIfNull(idPrefix);
        return Read(febrlCsv, idPrefix);
    }

    /// <summary>
    /// Combines the two files of a Febrl linkage task (e.g. dataset4a and dataset4b) into one set: ids
    /// prefixed <c>a-</c> and <c>b-</c>, records of both files with the same N in one cluster.
    /// </summary>
    public static IEnumerable<SyntheticRecord> ConvertLinkage(TextReader first, TextReader second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Read(first, "a-").Concat(Read(second, "b-"));
    }

    private static IEnumerable<SyntheticRecord> Read(TextReader reader, string idPrefix)
    {
        var header = reader.ReadLine() ?? throw new FormatException("The Febrl file is empty: no header line.");
        var names = SplitLine(header, 1);
        var columns = RequiredColumns.Select(c => IndexOf(names, c)).ToArray();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitLine(line, lineNumber);
            if (fields.Length != names.Length)
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Febrl line {lineNumber}: {fields.Length} fields, the header has {names.Length}."));
            }

            yield return ToRecord(fields, columns, idPrefix, lineNumber);
        }
    }

    private static SyntheticRecord ToRecord(string[] fields, int[] columns, string idPrefix, int lineNumber)
    {
        string Field(int column) => fields[columns[column]];
        var recordId = Field(0);
        return new SyntheticRecord
        {
            Id = idPrefix + recordId,
            Name = Join(" ", Field(1), Field(2)),
            Street = Join(", ", Join(" ", Field(3), Field(4)), Field(5)),
            City = Empty(Field(6)),
            PostalCode = Empty(Field(7)),
            Region = Empty(Field(8)),
            Country = "AU",
            TrueCluster = ClusterOf(recordId, lineNumber),
            CopyIndex = recordId.EndsWith("-org", StringComparison.Ordinal) ? 0 : 1,
        };
    }

    /// <summary>The entity number N of <c>rec-N-org</c> or <c>rec-N-dup-k</c>.</summary>
    private static string ClusterOf(string recordId, int lineNumber)
    {
        var parts = recordId.Split('-');
        var valid = parts.Length >= 3 && parts[0] == "rec" && parts[1].Length > 0 && parts[1].All(char.IsAsciiDigit)
            && (parts is [_, _, "org"] || parts is [_, _, "dup", _]);
        return valid
            ? parts[1]
            : throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"Febrl line {lineNumber}: rec_id \"{recordId}\" is not rec-N-org or rec-N-dup-K."));
    }

    private static string[] SplitLine(string line, int lineNumber)
    {
        if (line.Contains('"', StringComparison.Ordinal))
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"Febrl line {lineNumber}: quoted fields are not part of the Febrl format."));
        }

        var fields = line.Split(',');
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = fields[i].Trim();
        }

        return fields;
    }

    private static int IndexOf(string[] header, string column)
    {
        var index = Array.IndexOf(header, column);
        return index >= 0 ? index : throw new FormatException($"The Febrl header lacks the column \"{column}\".");
    }

    private static string? Join(string separator, string? first, string? second) =>
        (Empty(first), Empty(second)) switch
        {
            (null, null) => null,
            ({ } a, null) => a,
            (null, { } b) => b,
            ({ } a, { } b) => a + separator + b,
        };

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
