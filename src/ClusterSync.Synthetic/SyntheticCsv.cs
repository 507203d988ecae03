using System.Globalization;

namespace ClusterSync.Synthetic;

/// <summary>Writes records as the resolve CSV (RFC 4180: CRLF line ends, fields quoted when they need it).</summary>
public static class SyntheticCsv
{
    /// <summary>The resolve CSV columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "name", "acronym", "country", "region", "city", "postal_code", "street", "website", "email", "phone", "lat", "lon", "sectors", "founded"];

    /// <summary>The ground-truth column added by labelled files.</summary>
    public const string TruthColumn = "true_cluster";

    /// <summary>Writes a header and one line per record; <paramref name="includeTruth"/> adds <c>true_cluster</c>.</summary>
    /// <returns>The number of records written.</returns>
    public static int Write(IEnumerable<SyntheticRecord> records, TextWriter writer, bool includeTruth)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', Columns));
        writer.Write(includeTruth ? "," + TruthColumn + "\r\n" : "\r\n");
        var count = 0;
        Span<char> number = stackalloc char[32];
        foreach (var record in records)
        {
            WriteField(writer, record.Id);
            WriteNext(writer, record.Name);
            WriteNext(writer, record.Acronym);
            WriteNext(writer, record.Country);
            WriteNext(writer, record.Region);
            WriteNext(writer, record.City);
            WriteNext(writer, record.PostalCode);
            WriteNext(writer, record.Street);
            WriteNext(writer, record.Website);
            WriteNext(writer, record.Email);
            WriteNext(writer, record.Phone);
            WriteNumber(writer, record.Latitude, number);
            WriteNumber(writer, record.Longitude, number);
            WriteNext(writer, record.Sectors);
            WriteNumber(writer, record.Founded, number);
            if (includeTruth)
            {
                WriteNext(writer, record.TrueCluster);
            }

            writer.Write("\r\n");
            count++;
        }

        return count;
    }

    /// <summary>True when a value must be quoted: it holds a comma, a quote, a line break or edge spaces.</summary>
    public static bool NeedsQuotes(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));

    private static void WriteNext(TextWriter writer, string? value)
    {
        writer.Write(',');
        WriteField(writer, value);
    }

    private static void WriteField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (!NeedsQuotes(value))
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static void WriteNumber(TextWriter writer, double? value, Span<char> buffer)
    {
        writer.Write(',');
        if (value is { } number && number.TryFormat(buffer, out var written, "F5", CultureInfo.InvariantCulture))
        {
            // Five decimals (about 1 m), trailing zeros dropped: 48.10000 is written 48.1.
            while (buffer[written - 1] == '0')
            {
                written--;
            }

            writer.Write(buffer[..(buffer[written - 1] == '.' ? written - 1 : written)]);
        }
    }

    private static void WriteNumber(TextWriter writer, int? value, Span<char> buffer)
    {
        writer.Write(',');
        if (value is { } number && number.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
        {
            writer.Write(buffer[..written]);
        }
    }
}
