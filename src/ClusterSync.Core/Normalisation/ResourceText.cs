using System.Reflection;

namespace ClusterSync.Core.Normalisation;

/// <summary>Reads the data files embedded under <c>Resources/</c>.</summary>
internal static class ResourceText
{
    private static readonly Assembly Assembly = typeof(ResourceText).Assembly;

    private static readonly Lazy<Dictionary<string, string>> NamesByPath = new(() =>
    {
        const string prefix = "ClusterSync.Core.Resources.";
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names[name[prefix.Length..].Replace('\\', '/')] = name;
            }
        }

        return names;
    });

    /// <summary>The text of the resource at <paramref name="path"/>, e.g. <c>psl/public_suffix_list.dat</c>.</summary>
    public static string Read(string path)
    {
        if (!NamesByPath.Value.TryGetValue(path, out var name))
        {
            throw new InvalidOperationException($"The embedded resource '{path}' is missing.");
        }

        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The paths of the resources under <paramref name="folder"/> (e.g. <c>countries/langs/</c>), sorted.</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        var paths = NamesByPath.Value.Keys.Where(p => p.StartsWith(folder, StringComparison.Ordinal)).ToList();
        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    /// <summary>The non-empty lines of a text resource, without <c>#</c> comment lines.</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        foreach (var line in Read(path).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                yield return trimmed;
            }
        }
    }
}
