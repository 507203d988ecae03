namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Splits one line of RFC 4180 CSV (quoted fields, doubled quotes; no line breaks in fields).</summary>
internal static class CsvLine
{
    /// <exception cref="FormatException">A quoted field is not closed.</exception>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i = ReadQuoted(line, i + 1, field);
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            if (line[i] != ',')
            {
                throw new FormatException($"Unexpected character after a quoted field at position {i}: {line}");
            }

            i++;
        }
    }

    private static int ReadQuoted(string line, int i, System.Text.StringBuilder field)
    {
        while (i < line.Length)
        {
            if (line[i] != '"')
            {
                field.Append(line[i++]);
            }
            else if (i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i += 2;
            }
            else
            {
                return i + 1;
            }
        }

        throw new FormatException($"Unclosed quoted field: {line}");
    }
}
