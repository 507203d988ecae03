namespace ClusterSync.Core.Matching;

/// <summary>The identifier comparisons: acronym, web and e-mail domain, phone.</summary>
internal static class IdentifierComparisons
{
    private const sbyte Missing = Comparisons.Missing;

    public static sbyte AcronymLevel(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedThreshold)
    {
        var expands = (a.Acronym is { } x && Expands(x, a, b)) || (b.Acronym is { } y && Expands(y, b, a));
        if (a.AcronymId >= 0 && b.AcronymId >= 0)
        {
            if (a.AcronymId != b.AcronymId)
            {
                return expands ? (sbyte)2 : (sbyte)0;
            }

            // The same acronym says little when it is just both names' initials, or when many use it.
            var derived = a.Acronym == a.Initials && b.Acronym == b.Initials;
            return derived || t.Acronyms.UsesOf(a.AcronymId) >= sharedThreshold ? (expands && !derived ? (sbyte)2 : (sbyte)1) : (sbyte)3;
        }

        return expands ? (sbyte)2 : Missing;

        // An acronym that is just its own name's initials adds nothing when the other name has the same
        // initials: the name comparison has already seen those words.
        static bool Expands(string acronym, RecordFeatures own, RecordFeatures other) =>
            acronym != other.Acronym
            && ((acronym == other.Initials && acronym != own.Initials) || EqualsWithoutSpaces(acronym, other.NameKey));
    }

    /// <summary>Whether <paramref name="text"/> with its spaces left out is <paramref name="joined"/> (no string is built).</summary>
    internal static bool EqualsWithoutSpaces(string joined, string text)
    {
        if (text.Length < joined.Length)
        {
            return false;
        }

        var n = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (n == joined.Length || joined[n] != c)
            {
                return false;
            }

            n++;
        }

        return n == joined.Length;
    }

    public static sbyte DomainLevel(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedThreshold)
    {
        if (a.Domain >= 0 && a.Domain == b.Domain)
        {
            if (a.SitePath is not null && b.SitePath is not null && a.SitePath != b.SitePath)
            {
                return 1;
            }

            return t.Domains.UsesOf(a.Domain) >= sharedThreshold ? (sbyte)3 : (sbyte)4;
        }

        var emailMatch =
            (a.EmailDomain >= 0 && (a.EmailDomain == b.EmailDomain || a.EmailDomain == b.Domain))
            || (b.EmailDomain >= 0 && b.EmailDomain == a.Domain);
        if (emailMatch)
        {
            return 2;
        }

        return a.Domain >= 0 && b.Domain >= 0 ? (sbyte)0 : Missing;
    }

    /// <summary>Both records name a web site, and not the same one (another domain, or other pages of one domain).</summary>
    public static bool DomainsConflict(RecordFeatures a, RecordFeatures b) =>
        a.Domain >= 0 && b.Domain >= 0
        && (a.Domain != b.Domain || (a.SitePath is not null && b.SitePath is not null && a.SitePath != b.SitePath));

    public static sbyte PhoneLevel(RecordFeatures a, RecordFeatures b) =>
        a.Phone < 0 || b.Phone < 0 ? Missing : a.Phone == b.Phone ? (sbyte)1 : (sbyte)0;
}
