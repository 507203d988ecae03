
namespace ClusterSync.Core.Tests.Synthetic;

/// <summary>Finds files of the repository (the folder holding ClusterSync.sln) from the test output folder.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(string relativePath) => Path.Combine(Root.Value, relativePath);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClusterSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ClusterSync.sln not found above the test folder.");
    }
}
