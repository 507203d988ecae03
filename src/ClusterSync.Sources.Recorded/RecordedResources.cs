using System.Text;

namespace ClusterSync.Sources.Recorded;

/// <summary>Reads the recorded upstream files embedded in this assembly (see the READMEs beside them).</summary>
internal static class RecordedResources
{
    public const string Prefix = "ClusterSync.Sources.Recorded.";

    public static byte[] ReadBytes(string name)
    {
        using var stream = typeof(RecordedResources).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"The embedded resource '{Prefix + name}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string ReadText(string name) => Encoding.UTF8.GetString(ReadBytes(name));
}
