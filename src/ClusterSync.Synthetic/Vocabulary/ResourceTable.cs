namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>Reads the generator's embedded data tables (UTF-8 TSV, or CSV with RFC 4180 quoting on one line).</summary>
internal static class ResourceTable
{
    private const string Prefix = "ClusterSync.Synthetic.Resources.";

    /// <summary>Data rows of a table, header skipped, as field arrays.</summary>
    public static List<string[]> Read(string relativePath)
    {
        var separator = relativePath.EndsWith(".tsv", StringComparison.Ordinal) ? '\t' : ',';
        var rows = new List<string[]>();
        using var reader = Open(relativePath);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"Resource {relativePath} is empty.");
        var width = Split(header, separator).Length;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Split(line, separator);
            if (fields.Length != width)
            {
                throw new InvalidDataException(
                    $"Resource {relativePath} line {lineNumber}: {fields.Length} fields, header has {width}.");
            }

            rows.Add(fields);
        }

        return rows;
    }

    private static StreamReader Open(string relativePath)
    {
        var assembly = typeof(ResourceTable).Assembly;
        var stream = assembly.GetManifestResourceStream(Prefix + relativePath)
            ?? assembly.GetManifestResourceStream(Prefix + relativePath.Replace('/', '.'))
            ?? throw new InvalidDataException($"Embedded resource {relativePath} is missing.");
        return new StreamReader(stream);
    }

    internal static string[] Split(string line, char separator)
    {
        if (separator == '\t' || !line.Contains('"', StringComparison.Ordinal))
        {
            return line.Split(separator);
        }

        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    /// <summary>Splits <c>a:30|b:70</c> into (item, weight) pairs.</summary>
    public static IEnumerable<(string Item, double Weight)> WeightedList(string text)
    {
        foreach (var part in text.Split('|'))
        {
            var colon = part.LastIndexOf(':');
            yield return (part[..colon], double.Parse(part[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
