using System.Text.Json.Nodes;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// After a sync of both upstreams, in which registry documents carry their registrant's name, e-mail address and
/// telephone (one of them quarantined) and ECCP has its contact person, no text column of any table holds them.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class PersonalDataTests(StorageProvider provider)
{
    /// <summary>Registry documents given a registrant: two stored, one quarantined (its label blank).</summary>
    private static readonly (string Id, string First, string Last, string Email, string Phone, bool Quarantined)[] Registrants =
    [
        ("445", "Wilhelmina", "Quarterfield", "wquarterfield@oai.example", "+1 216 555 0143", false),
        ("332", "Bartholomew", "Ironvale", "b.ironvale@spaceflorida.example", "(321) 555-0199", false),
        ("153", "Cordelia", "Ashgrove", "cordelia.ashgrove@gmail.com", "585 555 0117", true),
    ];

    private SyncHarness _host = null!;

    [SetUp]
    public async Task Start() => _host = await SyncHarness.StartAsync(provider);

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task After_a_sync_no_column_of_any_table_holds_a_contact_name_a_personal_e_mail_address_or_a_registrants_telephone()
    {
        foreach (var registrant in Registrants)
        {
            _host.Upstreams.EditRegistryDocument(registrant.Id, document =>
            {
                document["sm_field_first_name"] = new JsonArray(registrant.First);
                document["sm_field_last_name"] = new JsonArray(registrant.Last);
                document["sm_field_email"] = new JsonArray(registrant.Email);
                document["sm_field_phone"] = new JsonArray(registrant.Phone);
                if (registrant.Quarantined)
                {
                    document["label"] = " ";
                }
            });
        }

        await _host.RunBothAsync();

        var texts = await AllTextAsync();
        string[] personal =
        [
            .. FixtureTruth.PersonalData.Where(p => p.Length > 4),
            .. Registrants.SelectMany(r => new[] { r.First, r.Last, r.Email, r.Phone }),
            "field_contact_person", "sm_field_first_name", "sm_field_last_name", "sm_field_phone",
        ];
        var leaks = texts.SelectMany(t => personal.Where(p => t.Text.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"{t.Column}: {p}"));
        Assert.That(texts.Count(t => t.Column == "source_records.raw_payload"), Is.GreaterThan(400));
        Assert.That(texts.Count(t => t.Column == "quarantined_records.raw_payload"), Is.EqualTo(FixtureTruth.EccpFaulty.Count() + 1));
        Assert.That(leaks.Distinct(), Is.Empty);
        Assert.That(texts.Where(t => t.Column == "source_records.raw_payload").Select(t => t.Text), Has.Some.Contains("\"sm_field_email\":[\"@oai.example\"]"));
    }

    /// <summary>Every non-null value of every text column the model maps, as (table.column, text).</summary>
    private async Task<List<(string Column, string Text)>> AllTextAsync()
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        var texts = new List<(string, string)>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                var column = property.GetColumnName();
                var sql = $"SELECT \"{column}\" AS \"Value\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
                texts.AddRange((await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Select(text => ($"{table}.{column}", text)));
            }
        }

        return texts;
    }
}
