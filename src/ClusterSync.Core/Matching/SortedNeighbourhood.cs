namespace ClusterSync.Core.Matching;

/// <summary>
/// Sub-blocking of an oversized exact-key block (Hernández and Stolfo's sorted neighbourhood, several
/// passes): the block's members are sorted on a second key, and each is compared with the next
/// <see cref="Window"/> members of each pass. A name written 10,000 times costs about
/// 10,000 × <see cref="Window"/> × <see cref="Passes"/> comparisons instead of 50 million, and records of the
/// same organisation (same site, same place, same phone) sit next to each other in at least one pass.
/// </summary>
internal static class SortedNeighbourhood
{
    /// <summary>Members each member is compared with, ahead of it in each pass.</summary>
    public const int Window = 3;

    /// <summary>Orders: by name then site and place; by place then street and name; by phone then site and name.</summary>
    public const int Passes = 3;

    /// <summary>Calls <paramref name="pair"/> for every pair of the block's members that fall within the window of a pass.</summary>
    public static void Pairs(FeatureTable t, ReadOnlySpan<int> members, Action<int, int> pair)
    {
        var order = members.ToArray();
        for (var pass = 0; pass < Passes; pass++)
        {
            var p = pass;
            Array.Sort(order, (x, y) => Compare(t, p, x, y));
            for (var i = 0; i < order.Length; i++)
            {
                for (var k = 1; k <= Window && i + k < order.Length; k++)
                {
                    pair(order[i], order[i + k]);
                }
            }
        }
    }

    /// <summary>
    /// The members that would be within the window of <paramref name="record"/> (itself not among them) in
    /// some pass, had it been sorted into the block: the <see cref="Window"/> nearest on each side of each pass.
    /// One scan of the block per pass, without sorting it (a change against the warm index).
    /// </summary>
    public static void NeighboursOf(FeatureTable t, int record, IReadOnlyList<int> members, ICollection<int> result) =>
        NeighboursOf(t, t[record]!, record, members, result);

    /// <summary>
    /// As <see cref="NeighboursOf(FeatureTable, int, IReadOnlyList{int}, ICollection{int})"/> for features
    /// that may not be held (a record scored against the directory), ordered as if at index <paramref name="record"/>.
    /// </summary>
    public static void NeighboursOf(FeatureTable t, RecordFeatures features, int record, IReadOnlyList<int> members, ICollection<int> result)
    {
        Span<int> below = stackalloc int[Window];
        Span<int> above = stackalloc int[Window];
        for (var pass = 0; pass < Passes; pass++)
        {
            var nBelow = 0;
            var nAbove = 0;
            foreach (var m in members)
            {
                if (m == record || t[m] is null)
                {
                    continue;
                }

                if (Compare(pass, t[m]!, m, features, record) < 0)
                {
                    // Keep the Window largest members below the record, largest first.
                    nBelow = Insert(t, pass, below, nBelow, m, descending: true);
                }
                else
                {
                    nAbove = Insert(t, pass, above, nAbove, m, descending: false);
                }
            }

            for (var i = 0; i < nBelow; i++)
            {
                result.Add(below[i]);
            }

            for (var i = 0; i < nAbove; i++)
            {
                result.Add(above[i]);
            }
        }
    }

    private static int Insert(FeatureTable t, int pass, Span<int> kept, int count, int member, bool descending)
    {
        var position = count;
        while (position > 0 && Closer(t, pass, member, kept[position - 1], descending))
        {
            position--;
        }

        if (position >= kept.Length)
        {
            return count;
        }

        var last = Math.Min(count, kept.Length - 1);
        for (var i = last; i > position; i--)
        {
            kept[i] = kept[i - 1];
        }

        kept[position] = member;
        return Math.Min(count + 1, kept.Length);
    }

    private static bool Closer(FeatureTable t, int pass, int member, int other, bool descending)
    {
        var order = Compare(t, pass, member, other);
        return descending ? order > 0 : order < 0;
    }

    /// <summary>The order of a pass; ties end on the record index, so every order is total and repeatable.</summary>
    public static int Compare(FeatureTable t, int pass, int x, int y) => Compare(pass, t[x]!, x, t[y]!, y);

    private static int Compare(int pass, RecordFeatures a, int x, RecordFeatures b, int y)
    {
        var c = pass switch
        {
            0 => FirstOf(string.CompareOrdinal(a.NameKey, b.NameKey), a.Domain.CompareTo(b.Domain), a.Postal.CompareTo(b.Postal), a.City.CompareTo(b.City)),
            1 => FirstOf(a.City.CompareTo(b.City), a.Postal.CompareTo(b.Postal), string.CompareOrdinal(a.StreetKey, b.StreetKey), string.CompareOrdinal(a.NameKey, b.NameKey)),
            _ => FirstOf(a.Phone.CompareTo(b.Phone), a.Domain.CompareTo(b.Domain), string.CompareOrdinal(a.NameKey, b.NameKey), a.Postal.CompareTo(b.Postal)),
        };
        return c != 0 ? c : x.CompareTo(y);
    }

    private static int FirstOf(int first, int second, int third, int fourth) =>
        first != 0 ? first : second != 0 ? second : third != 0 ? third : fourth;
}
