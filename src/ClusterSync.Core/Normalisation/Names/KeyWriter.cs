using System.Buffers;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>A word of a matching key and the span of source text it was folded from.</summary>
internal readonly record struct KeyToken(int KeyStart, int KeyEnd, int SourceStart, int SourceEnd);

/// <summary>
/// Builds a matching key: lower-case ASCII words separated by single spaces, recording where each
/// word came from in the source. Starts on caller-provided (stack) buffers and grows into pooled arrays.
/// </summary>
internal ref struct KeyWriter
{
    /// <summary>Key characters worth a stack buffer: most names fold to fewer.</summary>
    public const int StackChars = 128;

    /// <summary>Words worth a stack buffer.</summary>
    public const int StackWords = 16;

    private Span<char> _chars;
    private char[]? _rentedChars;
    private Span<KeyToken> _tokens;
    private KeyToken[]? _rentedTokens;
    private int _length;
    private int _tokenCount;
    private bool _inWord;
    private int _wordKeyStart;
    private int _wordSourceStart;
    private int _wordSourceEnd;

    public KeyWriter(Span<char> chars, Span<KeyToken> tokens)
    {
        _chars = chars;
        _tokens = tokens;
    }

    public readonly ReadOnlySpan<char> Key => _chars[.._length];

    /// <summary>The words written so far; call <see cref="Break"/> first to close the last one.</summary>
    public readonly ReadOnlySpan<KeyToken> Tokens => _tokens[.._tokenCount];

    /// <summary>Appends one key character folded from source characters [start, end).</summary>
    public void Append(char c, int sourceStart, int sourceEnd)
    {
        if (!_inWord)
        {
            StartWord(sourceStart);
        }

        if (_length == _chars.Length)
        {
            GrowChars();
        }

        _chars[_length++] = c;
        _wordSourceEnd = sourceEnd;
    }

    /// <summary>Appends folded text where a space means a word break and "" means nothing.</summary>
    public void Append(string folded, int sourceStart, int sourceEnd)
    {
        foreach (var c in folded)
        {
            if (c == ' ')
            {
                Break();
            }
            else
            {
                Append(c, sourceStart, sourceEnd);
            }
        }
    }

    /// <summary>Ends the current word, if any.</summary>
    public void Break()
    {
        if (!_inWord)
        {
            return;
        }

        if (_tokenCount == _tokens.Length)
        {
            GrowTokens();
        }

        _tokens[_tokenCount++] = new KeyToken(_wordKeyStart, _length, _wordSourceStart, _wordSourceEnd);
        _inWord = false;
    }

    public void Dispose()
    {
        if (_rentedChars is not null)
        {
            ArrayPool<char>.Shared.Return(_rentedChars);
            _rentedChars = null;
        }

        if (_rentedTokens is not null)
        {
            ArrayPool<KeyToken>.Shared.Return(_rentedTokens);
            _rentedTokens = null;
        }
    }

    private void StartWord(int sourceStart)
    {
        if (_length > 0)
        {
            if (_length == _chars.Length)
            {
                GrowChars();
            }

            _chars[_length++] = ' ';
        }

        _inWord = true;
        _wordKeyStart = _length;
        _wordSourceStart = sourceStart;
    }

    private void GrowChars()
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(64, _chars.Length * 2));
        _chars[.._length].CopyTo(larger);
        if (_rentedChars is not null)
        {
            ArrayPool<char>.Shared.Return(_rentedChars);
        }

        _rentedChars = larger;
        _chars = larger;
    }

    private void GrowTokens()
    {
        var larger = ArrayPool<KeyToken>.Shared.Rent(Math.Max(16, _tokens.Length * 2));
        _tokens[.._tokenCount].CopyTo(larger);
        if (_rentedTokens is not null)
        {
            ArrayPool<KeyToken>.Shared.Return(_rentedTokens);
        }

        _rentedTokens = larger;
        _tokens = larger;
    }
}
