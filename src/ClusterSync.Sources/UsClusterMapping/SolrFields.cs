using System.Globalization;
using System.Text.Json;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>The value type a Solr field name encodes.</summary>
public enum SolrFieldKind
{
    /// <summary>No known suffix or prefix: kept as raw JSON.</summary>
    Unknown,

    /// <summary><c>*_t</c>, <c>*_s</c>, <c>ss_*</c>, <c>ts_*</c>.</summary>
    Text,

    /// <summary><c>*_txt</c>, <c>sm_*</c>, <c>tm_*</c>: a list of strings (a bare string is a list of one).</summary>
    TextList,

    /// <summary><c>*_tl</c>: a 64-bit integer.</summary>
    Long,

    /// <summary><c>*_i</c>, <c>is_*</c>: a 32-bit integer.</summary>
    Int,

    /// <summary><c>im_*</c>: a list of integers.</summary>
    IntList,

    /// <summary><c>*_tf</c>: a floating-point number.</summary>
    Float,

    /// <summary><c>*_b</c>, <c>bs_*</c>: a boolean.</summary>
    Boolean,

    /// <summary><c>ds_*</c>: an ISO 8601 date-time.</summary>
    Date,
}

/// <summary>
/// The field-naming convention of the two Solr indexes behind the U.S. Cluster Mapping API: the data
/// services' suffixes (<c>_t</c> string, <c>_tl</c> long, <c>_tf</c> float, <c>_b</c> bool,
/// <c>_txt</c> string list, <c>_i</c> int) and the Drupal site index's prefixes (<c>sm_</c>/<c>tm_</c>
/// string lists, <c>ds_</c> date, <c>im_</c> int list). Used to read fields no DTO names.
/// </summary>
public static class SolrFields
{
    private static readonly (string Suffix, SolrFieldKind Kind)[] Suffixes =
    [
        ("_txt", SolrFieldKind.TextList),
        ("_tl", SolrFieldKind.Long),
        ("_tf", SolrFieldKind.Float),
        ("_t", SolrFieldKind.Text),
        ("_s", SolrFieldKind.Text),
        ("_b", SolrFieldKind.Boolean),
        ("_i", SolrFieldKind.Int),
    ];

    private static readonly (string Prefix, SolrFieldKind Kind)[] Prefixes =
    [
        ("sm_", SolrFieldKind.TextList),
        ("tm_", SolrFieldKind.TextList),
        ("ss_", SolrFieldKind.Text),
        ("ts_", SolrFieldKind.Text),
        ("ds_", SolrFieldKind.Date),
        ("im_", SolrFieldKind.IntList),
        ("is_", SolrFieldKind.Int),
        ("bs_", SolrFieldKind.Boolean),
    ];

    /// <summary>The kind a field name encodes; prefixes win over suffixes.</summary>
    public static SolrFieldKind KindOf(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        foreach (var (prefix, kind) in Prefixes)
        {
            if (fieldName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        foreach (var (suffix, kind) in Suffixes)
        {
            if (fieldName.EndsWith(suffix, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return SolrFieldKind.Unknown;
    }

    /// <summary>
    /// Reads a value as its field's kind: <see cref="string"/>, <see cref="long"/>, <see cref="int"/>,
    /// <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/>, a list of those, or the
    /// raw <see cref="JsonElement"/> when the kind is unknown. Null stays null.
    /// </summary>
    /// <exception cref="FormatException">The value does not have the kind its name encodes.</exception>
    public static object? Read(string fieldName, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var kind = KindOf(fieldName);
        return kind switch
        {
            SolrFieldKind.Unknown => value.Clone(),
            SolrFieldKind.TextList => ReadList(fieldName, value, SolrFieldKind.Text),
            SolrFieldKind.IntList => ReadList(fieldName, value, SolrFieldKind.Int),
            _ => ReadScalar(fieldName, value, kind),
        };
    }

    /// <summary>Reads every field of a document with <see cref="Read"/>.</summary>
    public static IReadOnlyDictionary<string, object?> ReadDocument(JsonElement document)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.EnumerateObject())
        {
            fields[property.Name] = Read(property.Name, property.Value);
        }

        return fields;
    }

    private static List<object?> ReadList(string fieldName, JsonElement value, SolrFieldKind itemKind)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return [ReadScalar(fieldName, value, itemKind)];
        }

        var items = new List<object?>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            items.Add(ReadScalar(fieldName, item, itemKind));
        }

        return items;
    }

    private static object ReadScalar(string fieldName, JsonElement value, SolrFieldKind kind)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new FormatException($"{fieldName}: a {value.ValueKind} cannot be a {kind} value."),
        };
        var invariant = CultureInfo.InvariantCulture;
        object? result = kind switch
        {
            SolrFieldKind.Text => text,
            SolrFieldKind.Long => long.TryParse(text, NumberStyles.Integer, invariant, out var l) ? l : null,
            SolrFieldKind.Int => int.TryParse(text, NumberStyles.Integer, invariant, out var i) ? i : null,
            SolrFieldKind.Float => double.TryParse(text, NumberStyles.Float, invariant, out var d) ? d : null,
            SolrFieldKind.Boolean => bool.TryParse(text, out var b) ? b : null,
            SolrFieldKind.Date => DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var t) ? t : null,
            _ => text,
        };
        return result ?? throw new FormatException($"{fieldName}: '{text}' is not a {kind} value.");
    }
}
