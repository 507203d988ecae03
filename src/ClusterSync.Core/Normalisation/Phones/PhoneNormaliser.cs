using PhoneNumbers;

namespace ClusterSync.Core.Normalisation.Phones;

/// <summary>
/// Writes telephone numbers in E.164 form (<c>+4930123456</c>), reading national numbers in the
/// record's country. Invalid numbers give null. Thread-safe.
/// </summary>
public sealed class PhoneNormaliser
{
    private const int MaximumLength = 64;

    // PhoneNumberUtil loads its metadata once; getting it again for every number would dominate the cost.
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>The shared normaliser.</summary>
    public static PhoneNormaliser Default { get; } = new();

    /// <summary>
    /// The E.164 form of <paramref name="phone"/>, read as a national number of
    /// <paramref name="country"/> (ISO alpha-2) unless it starts with <c>+</c> or an international
    /// prefix; null when it is no valid number. Of several numbers separated by <c>;</c> or <c>,</c>
    /// the first counts; an extension is dropped.
    /// </summary>
    public string? ToE164(string? phone, string? country)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > MaximumLength)
        {
            return null;
        }

        var separator = phone.AsSpan().IndexOfAny(';', ',');
        var text = separator < 0 ? phone : phone[..separator];
        try
        {
            var number = Numbers.Parse(text, country ?? "ZZ");
            return Numbers.IsValidNumber(number) ? Numbers.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
