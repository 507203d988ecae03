using System.Text;

namespace ClusterSync.Core.Normalisation;

/// <summary>A CSV resource (RFC 4180 quoting, header row) read into rows of named fields.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(Dictionary<string, int> columns, List<string[]> rows)
    {
        _columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Load(string resourcePath) => Parse(ResourceText.Read(resourcePath));

    public static CsvTable Parse(string text)
    {
        var records = ParseRecords(text);
        if (records.Count == 0)
        {
            throw new FormatException("A CSV table needs a header row.");
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < records[0].Length; i++)
        {
            columns[records[0][i]] = i;
        }

        records.RemoveAt(0);
        return new CsvTable(columns, records);
    }

    /// <summary>The index of <paramref name="column"/>; throws when the table has no such column.</summary>
    public int Column(string column) =>
        _columns.TryGetValue(column, out var index)
            ? index
            : throw new FormatException($"The CSV table has no column '{column}'.");

    private static List<string[]> ParseRecords(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
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

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord(records, fields, field);
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        EndRecord(records, fields, field);
        return records;
    }

    private static void EndRecord(List<string[]> records, List<string> fields, StringBuilder field)
    {
        if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        fields.Clear();
        field.Clear();
    }
}
