using ClusterSync.Synthetic.Generation;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Noise;

/// <summary>Structural name noise: word order, translated generic nouns, legal forms.</summary>
internal sealed class NameNoise(Catalogue catalogue)
{
    /// <summary>Moves the last word to the front, or swaps two neighbouring words.</summary>
    public static string SwapWords(string name, ref SeededRandom random)
    {
        var words = name.Split(' ');
        if (words.Length < 2)
        {
            return name;
        }

        if (words.Length >= 3 && random.Chance(0.5))
        {
            return words[^1] + " " + string.Join(' ', words, 0, words.Length - 1);
        }

        var at = random.Next(words.Length - 1);
        (words[at], words[at + 1]) = (words[at + 1], words[at]);
        return string.Join(' ', words);
    }

    /// <summary>
    /// Replaces the first generic noun (Cluster, Netzwerk, Klaster, …) with its English form, or an English
    /// one with the country's language; null when the name has none or nothing changes.
    /// </summary>
    public string? TranslateNoun(string name, string localLanguage)
    {
        var words = name.Split(' ');
        for (var w = 0; w < words.Length; w++)
        {
            foreach (var noun in catalogue.GenericNouns)
            {
                foreach (var (language, form) in noun)
                {
                    if (!string.Equals(words[w], form, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var target = language == Languages.English ? localLanguage : Languages.English;
                    var replacement = noun[target];
                    if (string.Equals(replacement, words[w], StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    words[w] = char.IsUpper(words[w][0]) ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement.ToLowerInvariant();
                    return string.Join(' ', words);
                }
            }
        }

        return null;
    }

    /// <summary>Removes the legal form, writes it another way, or adds one the country uses.</summary>
    public string? ChangeLegalForm(string? legalForm, CountryProfile country, string language, ref SeededRandom random)
    {
        if (legalForm is null)
        {
            var added = country.LegalForms.Pick(ref random);
            if (added.Language is not null && added.Language != language)
            {
                return null;
            }

            return random.Chance(0.7) ? added.Form : Variant(added.Form, ref random);
        }

        return random.Chance(0.5) ? null : Variant(legalForm, ref random);
    }

    private string? Variant(string form, ref SeededRandom random) =>
        catalogue.LegalFormVariants.TryGetValue(form, out var variants) ? random.Pick(variants) : null;
}
