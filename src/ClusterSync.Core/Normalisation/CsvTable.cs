using ClusterSync.Core.Csv;
using nietras.SeparatedValues;

namespace ClusterSync.Core.Normalisation;

/// <summary>A CSV resource (RFC 4180, header row) read through <see cref="StrictCsv"/> into rows of named fields.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string[] header, List<string[]> rows, List<int> lines)
    {
        Header = header;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            _columns[header[i]] = i;
        }

        Rows = rows;
        Lines = lines;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The rows after the header, blank lines left out.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The line each row of <see cref="Rows"/> starts on (the header is line 1).</summary>
    public IReadOnlyList<int> Lines { get; }

    public static CsvTable Load(string resourcePath) => Parse(ResourceText.Read(resourcePath));

    /// <exception cref="FormatException">There is no header, or a row is malformed or not as wide as the header.</exception>
    public static CsvTable Parse(string text)
    {
        using var reader = StrictCsv.Reader.FromText(text);
        string[]? header = null;
        var rows = new List<string[]>();
        var lines = new List<int>();
        foreach (var row in reader)
        {
            if (StrictCsv.IsBlank(row))
            {
                continue;
            }

            if (header is null)
            {
                header = StrictCsv.Cells(row, null);
                continue;
            }

            var cells = StrictCsv.Cells(row, header);
            StrictCsv.CheckWidth(row, header.Length);
            rows.Add(cells);
            lines.Add(row.LineNumberFrom);
        }

        return header is null ? throw new FormatException("A CSV table needs a header row.") : new CsvTable(header, rows, lines);
    }

    /// <summary>The index of <paramref name="column"/>; throws when the table has no such column.</summary>
    public int Column(string column) =>
        _columns.TryGetValue(column, out var index)
            ? index
            : throw new FormatException($"The CSV table has no column '{column}'.");
}
