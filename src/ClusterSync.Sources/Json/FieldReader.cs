using System.Globalization;
using System.Text.Json;

namespace ClusterSync.Sources.Json;

/// <summary>
/// Reads typed members of one JSON object as an upstream sends them, tolerating absent and null members and the
/// usual looseness (a number where text is expected, a bare value where a list is, a date as Unix seconds). A
/// member whose value still cannot be read is left out with a warning in plain words that names the field and
/// the value; whether the record can do without it is the caller's decision. Nested readers share the warnings.
/// </summary>
internal sealed class FieldReader
{
    private const int ShownValueLength = 60;

    private readonly JsonElement _element;
    private readonly string _path;
    private readonly List<string> _warnings;

    public FieldReader(JsonElement element, string path = "")
        : this(element, path, [])
    {
    }

    private FieldReader(JsonElement element, string path, List<string> warnings)
    {
        _element = element;
        _path = path;
        _warnings = warnings;
    }

    /// <summary>Every field left out so far, by this reader and the readers nested in it.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Text, or a number's exact text.</summary>
    public string? Text(string name) =>
        Member(name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => Wrong(name, value, "text"),
            }
            : null;

    /// <summary>A number's exact text, or text as given (coordinates and years arrive both ways).</summary>
    public string? NumberText(string name) => Text(name);

    public long? Integer(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        Wrong(name, value, "a whole number");
        return null;
    }

    public int? SmallInteger(string name)
    {
        var value = Integer(name);
        if (value is null or (>= int.MinValue and <= int.MaxValue))
        {
            return (int?)value;
        }

        Wrong(name, Member(name)!.Value, "a whole number in range");
        return null;
    }

    /// <summary>An ISO 8601 date-time (a date alone is midnight UTC), or Unix seconds as a number or as digits.</summary>
    public DateTimeOffset? Timestamp(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && FromUnixSeconds(seconds) is { } fromNumber)
        {
            return fromNumber;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text)
        {
            if (text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
                && FromUnixSeconds(seconds) is { } fromDigits)
            {
                return fromDigits;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }
        }

        Wrong(name, value, "a date-time (ISO 8601 or Unix seconds)");
        return null;
    }

    public FieldReader? Object(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return new FieldReader(value, Path(name), _warnings);
        }

        Wrong(name, value, "an object");
        return null;
    }

    /// <summary>A list of texts; a bare text is a list of one, numbers are their text, an item that is neither is left out.</summary>
    public IReadOnlyList<string> TextList(string name)
    {
        if (Member(name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            return [Text(name)!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Wrong(name, value, "a list of texts");
            return [];
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    items.Add(item.GetString()!);
                    break;
                case JsonValueKind.Number:
                    items.Add(item.GetRawText());
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    Wrong($"{name}[{index}]", item, "text");
                    break;
            }

            index++;
        }

        return items;
    }

    /// <summary>The first non-blank text of a list (or a bare text).</summary>
    public string? FirstText(string name) => TextList(name).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    /// <summary>Text without a warning when it cannot be read: for personal fields, whose values must not reach any message.</summary>
    public string? QuietText(string name) =>
        Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The first text of a list (or a bare text) without a warning: for personal fields.</summary>
    public string? QuietFirstText(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString())
                .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
            _ => null,
        };
    }

    /// <summary>Adds a warning of the caller's own about a field, named by its whole path.</summary>
    public void Warn(string field, string problem) => _warnings.Add($"field '{field}' {problem}");

    /// <summary>The value in plain words for a message: its kind and, for small values, the value itself with e-mail addresses cut to their domain.</summary>
    public static string Show(JsonElement value)
    {
        var kind = value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "text",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true/false",
            _ => "null",
        };
        var raw = PersonalData.ScrubEmails(value.GetRawText());
        return raw.Length > ShownValueLength ? $"{kind} ({raw[..ShownValueLength]}...)" : $"{kind} ({raw})";
    }

    private static DateTimeOffset? FromUnixSeconds(long seconds) =>
        seconds is >= 0 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private JsonElement? Member(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string Path(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    private string? Wrong(string name, JsonElement value, string expected)
    {
        _warnings.Add($"field '{Path(name)}' is {Show(value)}, not {expected}");
        return null;
    }
}
