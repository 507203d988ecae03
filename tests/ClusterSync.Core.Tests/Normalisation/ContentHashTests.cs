using System.Security.Cryptography;
using System.Text.Json;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class ContentHashTests
{
    private static SourceRecord Record() => OrganisationNormaliser.Default.Normalise(new RawOrganisation
    {
        Source = "eccp",
        SourceId = "node-1",
        Name = "Klaster Inovacija Srbija",
        Country = "Србија",
        Website = "www.klaster.rs",
        Sectors = [new RawSector("nace2", "62.01")],
    }).Record!;

    [Test]
    public void ComputeContentHash_is_the_sha256_of_the_record_json_without_its_hash()
    {
        var record = Record();
        var json = JsonSerializer.SerializeToUtf8Bytes(record with { ContentHash = "" }, RecordJson.Options);

        var hash = RecordJson.ComputeContentHash(record);

        Assert.That(hash, Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(json))));
    }

    [Test]
    public void ComputeContentHash_ignores_the_hash_already_set()
    {
        var record = Record();

        var hash = RecordJson.ComputeContentHash(record with { ContentHash = "sha256:stale" });

        Assert.That(hash, Is.EqualTo(record.ContentHash));
    }
}
