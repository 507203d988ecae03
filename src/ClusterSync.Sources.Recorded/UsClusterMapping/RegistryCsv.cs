namespace ClusterSync.Sources.Recorded.UsClusterMapping;

/// <summary>One row of the registry's organisation–cluster export (<c>org_id,org_title,cluster_name</c>).</summary>
internal sealed record RegistryCsvRow(long OrganisationId, string Title, string ClusterName);

/// <summary>
/// Reads the registry's CSV export: RFC 4180 quoting, and any of CR, LF or CRLF ending a record (the
/// 2015 export ends lines with a bare CR).
/// </summary>
internal static class RegistryCsv
{
    public static IReadOnlyList<RegistryCsvRow> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = Records(text);
        if (records.Count == 0 || !records[0].SequenceEqual(["org_id", "org_title", "cluster_name"]))
        {
            throw new FormatException("The registry CSV must start with the header org_id,org_title,cluster_name.");
        }

        var rows = new List<RegistryCsvRow>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var fields = records[i];
            if (fields.Count != 3 || !long.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                throw new FormatException($"Registry CSV record {i + 1} is not 'org_id,org_title,cluster_name'.");
            }

            rows.Add(new RegistryCsvRow(id, fields[1], fields[2]));
        }

        return rows;
    }

    private static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord(records, fields, field);
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }

        EndRecord(records, fields, field);
        return records;
    }

    private static void EndRecord(List<List<string>> records, List<string> fields, System.Text.StringBuilder field)
    {
        if (fields.Count == 0 && field.Length == 0)
        {
            return;
        }

        fields.Add(field.ToString());
        field.Clear();
        records.Add(fields);
    }
}
