using System.Text;
using nietras.SeparatedValues;

namespace ClusterSync.Core.Csv;

/// <summary>
/// RFC 4180 CSV (comma-separated, quoted cells with doubled inner quotes, a header row) read through Sep
/// without its leniency. Sep keeps text after a closing quote, reads a stray quote inside an unquoted
/// cell as the start of a quoted run, and lets an unterminated quote swallow the rest of the file into one
/// cell; here each of these, and a row whose width differs from the header's, is a
/// <see cref="FormatException"/> whose one-line message names the row and the line it starts on.
/// </summary>
public static class StrictCsv
{
    /// <summary>
    /// Options for a Sep reader of such text: the header is read as the first row (row 1) and every cell
    /// keeps its quotes until <see cref="Cell"/> checks and removes them.
    /// </summary>
    public static SepReaderOptions Reader { get; } = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true });

    /// <summary>The row's number, counting the header as row 1, and the line it starts on: <c>row 3 (line 4)</c>.</summary>
    public static string Where(SepReader.Row row) => $"row {row.RowIndex + 1} (line {row.LineNumberFrom})";

    /// <summary>An empty line: no record (a trailing blank line is common and harmless).</summary>
    public static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row.Span.IsEmpty;

    /// <summary>Every cell of <paramref name="row"/>, checked and unquoted.</summary>
    /// <param name="names">Column names for messages (the header's); null while reading the header itself.</param>
    /// <exception cref="FormatException">A cell is malformed.</exception>
    public static string[] Cells(SepReader.Row row, IReadOnlyList<string>? names)
    {
        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = Cell(row, i, names);
        }

        return cells;
    }

    /// <summary>The text of cell <paramref name="index"/> with its quotes removed.</summary>
    /// <param name="names">Column names for messages (the header's); null while reading the header itself.</param>
    /// <exception cref="FormatException">The cell is malformed.</exception>
    public static string Cell(SepReader.Row row, int index, IReadOnlyList<string>? names)
    {
        var raw = row[index].Span;
        if (raw.IndexOf('"') < 0)
        {
            return raw.ToString();
        }

        return Unquote(raw, out var problem) ?? throw new FormatException($"{Where(row)}: column {ColumnName(names, index)} {problem}.");
    }

    /// <summary>Throws unless <paramref name="row"/> has exactly <paramref name="width"/> columns.</summary>
    /// <exception cref="FormatException">The row is wider or narrower than the header.</exception>
    public static void CheckWidth(SepReader.Row row, int width)
    {
        if (row.ColCount != width)
        {
            throw new FormatException($"{Where(row)} has {row.ColCount} columns where the header has {width}.");
        }
    }

    /// <summary>The value of a cell holding a quote, or null and what is wrong with it.</summary>
    private static string? Unquote(ReadOnlySpan<char> raw, out string? problem)
    {
        problem = null;
        if (raw[0] != '"')
        {
            problem = "holds a quote but does not start with one (quote the whole value and double its inner quotes)";
            return null;
        }

        var value = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != '"')
            {
                value.Append(raw[i]);
            }
            else if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                value.Append('"');
                i++;
            }
            else if (i == raw.Length - 1)
            {
                return value.ToString();
            }
            else
            {
                problem = "has text after its closing quote";
                return null;
            }
        }

        problem = "opens a quote that is never closed";
        return null;
    }

    private static string ColumnName(IReadOnlyList<string>? names, int index) =>
        names is not null && index < names.Count ? $"'{names[index]}'" : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
