namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Initials of a matching key, for comparing a name with an acronym.</summary>
internal static class NameInitials
{
    /// <summary>First letter of each word, stop words skipped; a word of digits gives all its digits.</summary>
    public static string Of(ReadOnlySpan<char> key, FoldedWordSet stopWords)
    {
        var buffer = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        while (!key.IsEmpty)
        {
            var space = key.IndexOf(' ');
            var word = space < 0 ? key : key[..space];
            key = space < 0 ? [] : key[(space + 1)..];
            if (word.IsEmpty || stopWords.Contains(word))
            {
                continue;
            }

            if (!word.ContainsAnyExceptInRange('0', '9'))
            {
                word.CopyTo(buffer[length..]);
                length += word.Length;
            }
            else
            {
                buffer[length++] = word[0];
            }
        }

        return length == 0 ? string.Empty : new string(buffer[..length]);
    }
}
