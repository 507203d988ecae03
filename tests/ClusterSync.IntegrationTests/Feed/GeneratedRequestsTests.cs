using System.Text;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Feed;

/// <summary>Seeded random requests over the feed and key endpoints: every answer is a deliberate status, never a 500.</summary>
public class GeneratedRequestsTests
{
    private static readonly string[] Paths = ["/v1/changes", "/v1/changes/snapshot", "/v1/keys", "/v1/keys/", "/v1/changes/", "/v1/keys/abc", "/v1/changes/x"];
    private static readonly string[] Names = ["after", "limit", "wait", "cursor", "name", "scopes", "", "after[]"];
    private static readonly string?[] Keys = [null, ClusterSyncApp.PartnerKey, ClusterSyncApp.AdminKey, ClusterSyncApp.ReaderKey, "csk_", "csk_zz_zz", "x"];

    [Test]
    public async Task Five_thousand_generated_requests_over_the_feed_and_key_endpoints_never_answer_500()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var app = new ClusterSyncApp(db.Settings);
        var publisher = new DirectoryPublisher(db.Services, "eu", matching: false);
        await publisher.PublishAsync([publisher.Record("1", "Northern Photonics Cluster"), publisher.Record("2", "Baltic Water Alliance")]);
        var random = new Random(19);
        var clients = Keys.Select(app.CreateClientWithKey).ToList();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < 5000; i++)
        {
            var request = Generate(random);
            using var response = await clients[random.Next(clients.Count)].SendAsync(request.Message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"{request.Description} -> {status}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        clients.ForEach(c => c.Dispose());
        TestContext.Out.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.That(failures, Is.Empty);
    }

    private static (HttpRequestMessage Message, string Description) Generate(Random random)
    {
        var path = Paths[random.Next(Paths.Length)];
        var query = string.Join('&', Enumerable.Range(0, random.Next(4)).Select(_ => Names[random.Next(Names.Length)] + "=" + Uri.EscapeDataString(Value(random))));
        var method = random.Next(6) switch { 0 => HttpMethod.Post, 1 => HttpMethod.Delete, 2 => HttpMethod.Put, _ => HttpMethod.Get };
        var uri = path + (query.Length > 0 ? "?" + query : "");
        var message = new HttpRequestMessage(method, uri);
        string? body = null;
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            body = random.Next(4) switch
            {
                0 => Value(random),
                1 => $"{{\"name\":{Json(random)},\"scopes\":[{Json(random)}]}}",
                2 => $"{{\"name\":{Json(random)},\"scopes\":{Json(random)}}}",
                _ => "",
            };
            message.Content = new StringContent(body, Encoding.UTF8, random.Next(5) == 0 ? "text/plain" : "application/json");
        }

        return (message, $"{method} {uri} {body}");
    }

    private static string Json(Random random) => random.Next(6) switch
    {
        0 => "null",
        1 => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "\"read\"",
        3 => "[\"partner\",\"admin\"]",
        4 => "{}",
        _ => "\"" + Value(random).Replace("\\", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal) + "\"",
    };

    private static string Value(Random random) => random.Next(10) switch
    {
        0 => "",
        1 => random.NextInt64(long.MinValue, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "AQAAAAAAAAAB",
        3 => "AQAAAAAAAAAA",
        4 => new string('A', random.Next(1, 400)),
        5 => "%00\u0000\uffff",
        6 => "-1",
        7 => "99999999999999999999",
        8 => "{\"",
        _ => Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
    };
}
