using ClusterSync.Core.Normalisation.Web;
using NUnit.Framework;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class ResourceTextTests
{
    [TestCase("ClusterSync.Core.Resources.psl/public_suffix_list.dat")]
    [TestCase("ClusterSync.Core.Resources.countries/codes.json")]
    [TestCase("ClusterSync.Core.Resources.countries/langs/sr.json")]
    [TestCase("ClusterSync.Core.Resources.sectors/ecosystem_to_us_cluster.csv")]
    [TestCase("ClusterSync.Core.Resources.email/free_mail_domains.txt")]
    public void Data_files_are_embedded_under_their_relative_path(string name)
    {
        var names = typeof(PublicSuffixList).Assembly.GetManifestResourceNames();

        Assert.That(names, Does.Contain(name));
    }

    [Test]
    public void Public_suffix_list_is_embedded_byte_exact()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("ClusterSync.Core.Resources.psl/public_suffix_list.dat")!;

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));

        // The SHA-256 recorded in Resources/psl/README.md for the upstream file.
        Assert.That(hash, Is.EqualTo("df6306ec61971424ad259757b399911f4d414486629a5a00e299a2b6c7957089"));
    }
}
