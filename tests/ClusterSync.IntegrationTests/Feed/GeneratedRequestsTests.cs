using System.Text;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Feed;

/// <summary>Seeded random requests over the feed, key and webhook endpoints: every answer is a deliberate status, never a 500.</summary>
public class GeneratedRequestsTests
{
    private const string Subscription = "{subscription}";

    private static readonly string[] Paths =
    [
        "/v1/changes", "/v1/changes/snapshot", "/v1/keys", "/v1/keys/", "/v1/changes/", "/v1/keys/abc", "/v1/changes/x",
        "/v1/webhooks", "/v1/webhooks/", "/v1/webhooks/whs_0", "/v1/webhooks/" + Subscription, "/v1/webhooks/" + Subscription + "/ping",
        "/v1/webhooks/" + Subscription + "/rotate-secret", "/v1/webhooks/" + Subscription + "/deliveries",
        "/v1/webhooks/" + Subscription + "/deliveries/1/redeliver", "/v1/webhooks/" + Subscription + "/deliveries/x/redeliver",
        "/v1/webhooks/x/deliveries/99999999999999999999/redeliver",
    ];

    private static readonly string[] Names = ["after", "limit", "wait", "cursor", "name", "scopes", "", "after[]", "url", "eventTypes", "enabled", "graceHours"];
    private static readonly string?[] Keys = [null, ClusterSyncApp.PartnerKey, ClusterSyncApp.AdminKey, ClusterSyncApp.ReaderKey, "csk_", "csk_zz_zz", "x"];

    [Test]
    public async Task Six_thousand_generated_requests_over_the_feed_key_and_webhook_endpoints_never_answer_500()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);

        // Webhook targets resolve to nothing here (no lookup leaves the machine) but hooks.example, allowlisted on a closed port.
        var resolver = new Webhooks.TestResolver();
        resolver.Set("hooks.example", "127.0.0.1");
        var settings = new Dictionary<string, string?>(db.Settings) { ["Webhooks:AllowedHosts:0"] = "hooks.example" };
        await using var app = new ClusterSyncApp(settings, services: s => s.AddSingleton<ClusterSync.Host.Webhooks.IWebhookHostResolver>(resolver));
        var publisher = new DirectoryPublisher(db.Services, "eu", matching: false);
        await publisher.PublishAsync([publisher.Record("1", "Northern Photonics Cluster"), publisher.Record("2", "Baltic Water Alliance")]);
        var random = new Random(19);
        var clients = Keys.Select(app.CreateClientWithKey).ToList();
        using var created = await clients[1].PostAsync("/v1/webhooks", new StringContent("{\"url\":\"http://hooks.example:9/hook\"}", Encoding.UTF8, "application/json"));
        var subscription = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscription").GetProperty("id").GetString()!;
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < 6000; i++)
        {
            var request = Generate(random, subscription);
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

    private static (HttpRequestMessage Message, string Description) Generate(Random random, string subscription)
    {
        var path = Paths[random.Next(Paths.Length)].Replace(Subscription, subscription, StringComparison.Ordinal);
        var query = string.Join('&', Enumerable.Range(0, random.Next(4)).Select(_ => Names[random.Next(Names.Length)] + "=" + Uri.EscapeDataString(Value(random))));
        var method = random.Next(7) switch { 0 => HttpMethod.Post, 1 => HttpMethod.Delete, 2 => HttpMethod.Put, 3 => HttpMethod.Patch, _ => HttpMethod.Get };
        var uri = path + (query.Length > 0 ? "?" + query : "");
        var message = new HttpRequestMessage(method, uri);
        string? body = null;
        if (method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            body = random.Next(7) switch
            {
                4 => $"{{\"url\":{Url(random)},\"eventTypes\":[{Json(random)}],\"enabled\":{Json(random)}}}",
                5 => $"{{\"url\":{Url(random)},\"eventTypes\":{Json(random)}}}",
                6 => $"{{\"graceHours\":{Json(random)}}}",
                0 => Value(random),
                1 => $"{{\"name\":{Json(random)},\"scopes\":[{Json(random)}]}}",
                2 => $"{{\"name\":{Json(random)},\"scopes\":{Json(random)}}}",
                _ => "",
            };
            message.Content = new StringContent(body, Encoding.UTF8, random.Next(5) == 0 ? "text/plain" : "application/json");
        }

        return (message, $"{method} {uri} {body}");
    }

    private static string Url(Random random) => random.Next(8) switch
    {
        0 => "\"http://hooks.example:9/hook\"",
        1 => "\"https://10.0.0.1/x\"",
        2 => "\"https://[::1]/x\"",
        3 => "\"https://nowhere.example/x\"",
        4 => "\"ftp://hooks.example/x\"",
        5 => "\"https://hooks.example:99999/x\"",
        _ => Json(random),
    };

    private static string Json(Random random) => random.Next(6) switch
    {
        0 => "null",
        1 => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => random.Next(2) == 0 ? "\"read\"" : "\"organisation.created\"",
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
