using System.Reflection;
using NetArchTest.Rules;

namespace ClusterSync.IntegrationTests.Architecture;

/// <summary>The arrows of docs/architecture.md: a reference that is not drawn there fails here.</summary>
public class ArchitectureTests
{
    private static readonly Assembly Core = typeof(ClusterSync.Core.Records.SourceRecord).Assembly;
    private static readonly Assembly Sources = typeof(ClusterSync.Sources.SourceConnectorCatalog).Assembly;
    private static readonly Assembly Storage = typeof(ClusterSync.Storage.ClusterSyncDbContext).Assembly;
    private static readonly Assembly Host = typeof(ClusterSync.Host.Extensions).Assembly;

    private static Types TypesOf(Assembly assembly) => Types.InAssembly(assembly);

    private static IEnumerable<string> ReferencesOf(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [TestCase("Microsoft.EntityFrameworkCore")]
    [TestCase("Microsoft.AspNetCore")]
    [TestCase("Refit")]
    [TestCase("Quartz")]
    [TestCase("Npgsql")]
    [TestCase("System.Net.Http")]
    public void Core_references_no_infrastructure(string prefix)
    {
        Assert.That(ReferencesOf(Core).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)), Is.Empty);
        Assert.That(TypesOf(Core).ThatDependOn(prefix), Is.Empty);
    }

    [Test]
    public void Sources_and_storage_do_not_reference_each_other()
    {
        Assert.That(ReferencesOf(Sources), Does.Not.Contain(Storage.GetName().Name));
        Assert.That(ReferencesOf(Storage), Does.Not.Contain(Sources.GetName().Name));
    }

    [TestCase("ClusterSync.Sources")]
    [TestCase("ClusterSync.Storage")]
    public void Sources_and_storage_do_not_need_the_web_framework(string name)
    {
        var assembly = name == "ClusterSync.Sources" ? Sources : Storage;

        Assert.That(TypesOf(assembly).ThatDependOn("Microsoft.AspNetCore"), Is.Empty);
    }

    [Test]
    public void The_service_does_not_carry_the_generator()
    {
        Assert.That(ReferencesOf(Host), Does.Not.Contain("ClusterSync.Synthetic"));
        Assert.That(File.Exists(Path.Combine(TestContext.CurrentContext.TestDirectory, "ClusterSync.Synthetic.dll")) && ReferencesOf(Host).Contains("ClusterSync.Synthetic"), Is.False);
    }

    [Test]
    public void No_host_type_touches_the_database_context()
    {
        var offenders = TypesOf(Host).ThatDependOn("Microsoft.EntityFrameworkCore", "ClusterSync.Storage.ClusterSyncDbContext", "ClusterSync.Storage.Entities");

        Assert.That(offenders, Is.Empty);
    }
}

/// <summary>Names of the types that use (in signatures or method bodies) any of the given namespaces or types.</summary>
internal static class DependencyQueries
{
    public static IReadOnlyList<string> ThatDependOn(this Types types, params string[] dependencies) =>
        [.. (types.Should().NotHaveDependencyOnAny(dependencies).GetResult().FailingTypes ?? []).Select(t => t.FullName)];
}
