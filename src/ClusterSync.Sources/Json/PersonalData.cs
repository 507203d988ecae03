using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClusterSync.Sources.Json;

/// <summary>
/// Takes personal data out of an upstream payload before it is stored: members whose names say they describe a
/// person (contact names, a contact's e-mail or telephone) are removed, and every e-mail address left keeps only
/// its domain (<c>jane.doe@example.org</c> becomes <c>@example.org</c>, what the normalised record keeps too).
/// </summary>
internal static partial class PersonalData
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Name parts of members that hold a person's data, at any source.</summary>
    private static readonly string[] PersonalNameParts =
        ["contact", "first_name", "last_name", "firstname", "lastname", "surname", "given_name", "family_name"];

    /// <summary>Whether a member name says it holds a person's data (a contact, a first or last name).</summary>
    public static bool NamesPerson(string memberName) =>
        PersonalNameParts.Any(part => memberName.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The payload as JSON text without the members <paramref name="isPersonal"/> names, at any depth, and with
    /// e-mail addresses cut to their domain.
    /// </summary>
    public static string Redact(JsonElement payload, Func<string, bool> isPersonal)
    {
        ArgumentNullException.ThrowIfNull(isPersonal);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, payload, isPersonal);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The text with the local part of every e-mail address removed.</summary>
    public static string ScrubEmails(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('@', StringComparison.Ordinal) ? EmailLocalPart().Replace(text, "@") : text;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, Func<string, bool> isPersonal)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject())
                {
                    if (!isPersonal(member.Name))
                    {
                        writer.WritePropertyName(member.Name);
                        Write(writer, member.Value, isPersonal);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, isPersonal);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(ScrubEmails(element.GetString()!));
                break;
            default:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }

    /// <summary>The local part of an address and its '@', followed by a domain name with at least one dot.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}._%+'\-]+@(?=[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)+)", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLocalPart();
}
