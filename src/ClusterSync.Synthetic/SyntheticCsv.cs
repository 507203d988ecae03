using System.Globalization;
using nietras.SeparatedValues;

namespace ClusterSync.Synthetic;

/// <summary>Writes records as the resolve CSV through Sep (RFC 4180: CRLF line ends, fields quoted when they need it).</summary>
public static class SyntheticCsv
{
    /// <summary>The resolve CSV columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "name", "acronym", "country", "region", "city", "postal_code", "street", "website", "email", "phone", "lat", "lon", "sectors", "founded"];

    /// <summary>The ground-truth column added by labelled files.</summary>
    public const string TruthColumn = "true_cluster";

    /// <summary>The column naming each record's hard case (<see cref="SyntheticCases"/>), added after the others on request.</summary>
    public const string CaseColumn = "case";

    /// <summary>
    /// Writes a header and one line per record; <paramref name="includeTruth"/> adds <c>true_cluster</c>,
    /// <paramref name="includeCase"/> then adds <c>case</c> as the last column.
    /// </summary>
    /// <returns>The number of records written.</returns>
    public static int Write(IEnumerable<SyntheticRecord> records, TextWriter writer, bool includeTruth, bool includeCase = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        using var rows = new CrlfRows(writer);
        List<string> header = [.. Columns];
        if (includeTruth)
        {
            header.Add(TruthColumn);
        }

        if (includeCase)
        {
            header.Add(CaseColumn);
        }

        rows.Write(header);
        var count = 0;
        Span<char> number = stackalloc char[32];
        foreach (var record in records)
        {
            using (var row = rows.NewRow())
            {
                row[0].Set(record.Id);
                row[1].Set(record.Name);
                row[2].Set(record.Acronym);
                row[3].Set(record.Country);
                row[4].Set(record.Region);
                row[5].Set(record.City);
                row[6].Set(record.PostalCode);
                row[7].Set(record.Street);
                row[8].Set(record.Website);
                row[9].Set(record.Email);
                row[10].Set(record.Phone);
                row[11].Set(Coordinate(record.Latitude, number));
                row[12].Set(Coordinate(record.Longitude, number));
                row[13].Set(record.Sectors);
                row[14].Set(Year(record.Founded, number));
                if (includeTruth)
                {
                    row[15].Set(record.TrueCluster);
                }

                if (includeCase)
                {
                    row[header.Count - 1].Set(SyntheticCases.Of(record));
                }
            }

            rows.EndRow();
            count++;
        }

        return count;
    }

    /// <summary>Five decimals (about 1 m), trailing zeros dropped: 48.10000 is written 48.1.</summary>
    private static ReadOnlySpan<char> Coordinate(double? value, Span<char> buffer)
    {
        if (value is not { } number || !number.TryFormat(buffer, out var written, "F5", CultureInfo.InvariantCulture))
        {
            return [];
        }

        while (buffer[written - 1] == '0')
        {
            written--;
        }

        return buffer[..(buffer[written - 1] == '.' ? written - 1 : written)];
    }

    private static ReadOnlySpan<char> Year(int? value, Span<char> buffer) =>
        value is { } number && number.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture) ? buffer[..written] : [];

    /// <summary>
    /// Rows written by Sep, each ended with CRLF as RFC 4180 and the committed data sets have it (Sep ends
    /// rows with <see cref="Environment.NewLine"/>). Each row is flushed into a buffer and copied out without
    /// Sep's line end; line breaks inside quoted values are left as they are.
    /// </summary>
    private sealed class CrlfRows(TextWriter target) : IDisposable
    {
        private readonly StringWriter _row = new(CultureInfo.InvariantCulture);
        private SepWriter? _sep;

        private SepWriter Writer => _sep ??= Sep.New(',')
            .Writer(o => o with { Escape = true, WriteHeader = false, CultureInfo = CultureInfo.InvariantCulture })
            .To(_row, leaveOpen: true);

        public SepWriter.Row NewRow() => Writer.NewRow();

        public void Write(IReadOnlyList<string> cells)
        {
            using (var row = NewRow())
            {
                for (var i = 0; i < cells.Count; i++)
                {
                    row[i].Set(cells[i]);
                }
            }

            EndRow();
        }

        /// <summary>Copies the row just written to the target, CRLF-terminated.</summary>
        public void EndRow()
        {
            Writer.Flush();
            var text = _row.GetStringBuilder();
            var length = text.Length - Environment.NewLine.Length;
            foreach (var chunk in text.GetChunks())
            {
                var part = chunk.Span[..Math.Min(chunk.Length, length)];
                target.Write(part);
                length -= part.Length;
            }

            target.Write("\r\n");
            text.Clear();
        }

        public void Dispose()
        {
            _sep?.Dispose();
            _row.Dispose();
        }
    }
}
