using System.Globalization;
using System.Text.Json;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// Reads typed members of one JSON:API object, tolerating absent and null members and recording the
/// first member whose JSON type is wrong (its path and what was found) instead of throwing.
/// </summary>
internal sealed class AttributeReader(JsonElement element, string path)
{
    /// <summary>The first wrong member, as "path.member is a JSON X, expected Y", or null.</summary>
    public string? Problem { get; private set; }

    public string? String(string name) =>
        Member(name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : Wrong(name, value, "a string")
            : null;

    /// <summary>A number's exact text, or a string as given (coordinates and years arrive both ways).</summary>
    public string? NumberText(string name) =>
        Member(name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.String => value.GetString(),
                _ => Wrong(name, value, "a number"),
            }
            : null;

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

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        Wrong(name, value, "an integer");
        return null;
    }

    public int? SmallInteger(string name) => Integer(name) is { } value && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;

    /// <summary>An RFC 3339 date-time string, or Unix seconds.</summary>
    public DateTimeOffset? Timestamp(string name)
    {
        if (Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        Wrong(name, value, "a date-time");
        return null;
    }

    public AttributeReader? Object(string name) =>
        Member(name) is { } value
            ? value.ValueKind == JsonValueKind.Object ? new AttributeReader(value, $"{path}.{name}") : WrongObject(name, value)
            : null;

    public IReadOnlyList<string> Strings(string name)
    {
        if (Member(name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Wrong(name, value, "a list of strings");
            return [];
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Wrong(name, item, "a list of strings");
                return [];
            }

            items.Add(item.GetString()!);
        }

        return items;
    }

    /// <summary>Merges a nested reader's problem into this one.</summary>
    public void Absorb(AttributeReader? nested)
    {
        Problem ??= nested?.Problem;
    }

    private JsonElement? Member(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string? Wrong(string name, JsonElement value, string expected)
    {
        Problem ??= $"{path}.{name} is a JSON {value.ValueKind}, expected {expected}";
        return null;
    }

    private AttributeReader? WrongObject(string name, JsonElement value)
    {
        Wrong(name, value, "an object");
        return null;
    }
}
