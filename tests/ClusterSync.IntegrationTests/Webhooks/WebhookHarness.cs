using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ClusterSync.Host.Webhooks;
using ClusterSync.IntegrationTests.Feed;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>
/// The host on a fake clock with a name resolver the test controls, a node receiver that verifies signatures with the npm
/// standardwebhooks package, and a publisher of change events. The receiver's loopback address is allowlisted.
/// </summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    public const string OtherPartnerKey = "csk_test0004_other-partner-secret-for-tests";

    private WebhookHarness(TestDatabase db, ClusterSyncApp app, StandardWebhooksVerifier receiver, FakeTimeProvider time, TestResolver resolver)
    {
        Db = db;
        App = app;
        Receiver = receiver;
        Time = time;
        Resolver = resolver;
        Partner = app.CreateClientWithKey(ClusterSyncApp.PartnerKey);
        OtherPartner = app.CreateClientWithKey(OtherPartnerKey);
        Admin = app.CreateClientWithKey(ClusterSyncApp.AdminKey);
        Publisher = new DirectoryPublisher(db.Services, "hooks", matching: false);
    }

    public TestDatabase Db { get; }
    public ClusterSyncApp App { get; }
    public StandardWebhooksVerifier Receiver { get; }
    public FakeTimeProvider Time { get; }
    public TestResolver Resolver { get; }
    public HttpClient Partner { get; }
    public HttpClient OtherPartner { get; }
    public HttpClient Admin { get; }
    public DirectoryPublisher Publisher { get; }

    public static async Task<WebhookHarness> StartAsync(StorageProvider provider, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var receiver = await StandardWebhooksVerifier.StartAsync();

        // Behind real time by a few minutes: the receiver refuses timestamps more than 5 minutes from its own clock.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-4));
        var resolver = new TestResolver();
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Webhooks:FirstRetryDelay"] = "00:00:02",
            ["Webhooks:Workers"] = "2",

            // The host's clock is fake and jumps hours in milliseconds; Quartz reads the registered TimeProvider too, and
            // a weekly sync trigger that such a jump crossed (a fake day spanning Monday 04:00 UTC) was misfire-handled
            // again and again until the test process ran out of memory. No test here needs a schedule.
            ["Scheduling:Enabled"] = "false",
            ["ApiKeys:Keys:4:Name"] = "other partner",
            ["ApiKeys:Keys:4:Key"] = OtherPartnerKey,
            ["ApiKeys:Keys:4:Scopes:0"] = "partner",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new ClusterSyncApp(settings, services: s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.AddSingleton<IWebhookHostResolver>(resolver);
        });
        return new WebhookHarness(db, app, receiver, time, resolver);
    }

    /// <summary>Subscribes <paramref name="url"/> (the receiver when null) and tells the receiver the secret.</summary>
    public async Task<Created> SubscribeAsync(string? url = null, IReadOnlyList<string>? types = null, HttpClient? client = null)
    {
        using var response = await (client ?? Partner).PostAsJsonAsync("/v1/webhooks", new { url = url ?? Receiver.Endpoint.ToString(), eventTypes = types });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var created = new Created(body.GetProperty("subscription").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
        await Receiver.SetSecretsAsync(created.Secret);
        return created;
    }

    /// <summary>Publishes organisations named by <paramref name="ids"/> (new ones are created, known ones unchanged).</summary>
    public Task PublishAsync(params int[] ids) =>
        Publisher.PublishAsync([.. ids.Select(i => Publisher.Record($"{i}", $"Organisation {i}"))]);

    /// <summary>Advances the clock by <paramref name="step"/> at a time (the dispatcher's polls and backoff run on it) until <paramref name="done"/>.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, string what, TimeSpan? step = null, int maxSteps = 600)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (await done())
            {
                return;
            }

            Time.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.Fail($"Never reached: {what}. Received: {string.Join(", ", await Receiver.ReceivedAsync())}");
    }

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? Partner).GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The subscription's logged attempts, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(string id)
    {
        var page = await GetAsync($"/v1/webhooks/{id}/deliveries?limit=500");
        return [.. page.GetProperty("items").EnumerateArray().Reverse()];
    }

    public async ValueTask DisposeAsync()
    {
        Partner.Dispose();
        OtherPartner.Dispose();
        Admin.Dispose();
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
        await Db.DisposeAsync();
    }

    public sealed record Created(string Id, string Secret);
}

/// <summary>Resolves the names it was told; any other name does not resolve.</summary>
internal sealed class TestResolver : IWebhookHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string host, params string[] addresses) => _names[host] = [.. addresses.Select(IPAddress.Parse)];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : throw new SocketException((int)SocketError.HostNotFound);
}
