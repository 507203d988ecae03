using System.Globalization;
using nietras.SeparatedValues;

namespace ClusterSync.Sources.Recorded.UsClusterMapping;

/// <summary>One row of the registry's organisation–cluster export (<c>org_id,org_title,cluster_name</c>).</summary>
internal sealed record RegistryCsvRow(long OrganisationId, string Title, string ClusterName);

/// <summary>
/// Reads the registry's CSV export with Sep: RFC 4180 quoting, and any of CR, LF or CRLF ending a record
/// (the 2015 export ends lines with a bare CR). A record that is not three fields with a numeric id fails
/// the whole read, naming the record.
/// </summary>
internal static class RegistryCsv
{
    private static readonly string[] Header = ["org_id", "org_title", "cluster_name"];

    public static IReadOnlyList<RegistryCsvRow> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = Sep.New(',')
            .Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true })
            .FromText(text);
        if (!reader.Header.ColNames.SequenceEqual(Header, StringComparer.Ordinal))
        {
            throw new FormatException("The registry CSV must start with the header org_id,org_title,cluster_name.");
        }

        var rows = new List<RegistryCsvRow>();
        foreach (var row in reader)
        {
            // Records are numbered from 1, the header being record 1.
            var record = row.RowIndex + 1;
            if (row.ColCount != Header.Length)
            {
                throw new FormatException($"Registry CSV record {record} has {row.ColCount} fields, not the 3 of org_id,org_title,cluster_name.");
            }

            if (!long.TryParse(row[0].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                throw new FormatException($"Registry CSV record {record}: org_id '{row[0]}' is not an integer.");
            }

            rows.Add(new RegistryCsvRow(id, row[1].ToString(), row[2].ToString()));
        }

        return rows;
    }
}
