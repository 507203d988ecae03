using System.IO.Pipelines;
using System.Text;
using ClusterSync.Host.Feed;
using ClusterSync.Storage.Feed;

namespace ClusterSync.IntegrationTests.Feed;

/// <summary>The feed writes its batches itself; the CloudEvents SDK's batch encoding of the same events is the reference.</summary>
public class EventEncodingTests
{
    private const string Record = """{"name":"Northern Photonics Cluster","address":{"country":"DE"},"identifiers":[]}""";
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Every_event_type_is_written_as_the_sdk_encodes_it()
    {
        ChangeEventView[] changes =
        [
            Change(1, "created"),
            Change(2, "updated"),
            Change(3, "merged", survivorId: "org_survivor", payload: """{"survivorId":"org_survivor"}"""),
            Change(4, "split", survivorId: "org_origin"),
            Change(5, "restored"),
            Change(6, "deleted", payload: "{}"),
        ];

        await AssertWrittenAsTheSdkDoesAsync(changes);
    }

    [Test]
    public async Task Unicode_and_characters_json_escapes_are_written_as_the_sdk_encodes_them()
    {
        ChangeEventView[] changes =
        [
            Change(1, "created", id: "org_Zürich-東京-🚀", payload: """{"name":"Société Générale Zürich 東京 🚀","note":"\u00e9\"quoted\"\n"}"""),
            Change(2, "merged", id: "org_<script>&'\"", survivorId: "org_Ærø\t\u0001"),
            Change(3, "split", id: "org_ñ", survivorId: "org_\u2028line"),
            Change(4, "updated", payload: """{"name":"Ünïcödé stored unescaped","tags":["ä","ß"]}"""),
        ];

        await AssertWrittenAsTheSdkDoesAsync(changes);
    }

    [Test]
    public async Task Absent_fields_are_left_out_as_the_sdk_leaves_them_out()
    {
        ChangeEventView[] changes =
        [
            Change(1, "merged", survivorId: null, payload: "{}"),
            Change(2, "split", survivorId: null),
            Change(3, "created", survivorId: "org_ignored"),
            Change(4, "deleted", survivorId: "org_ignored", payload: "{}"),
            Change(5, "created", payload: """{"name":null,"address":null}"""),
        ];

        await AssertWrittenAsTheSdkDoesAsync(changes);
    }

    [TestCase(0L, 0, "the start of a second")]
    [TestCase(TimeSpan.TicksPerMillisecond * 123, 0, "whole milliseconds")]
    [TestCase(TimeSpan.TicksPerMicrosecond * 123_456, 0, "whole microseconds")]
    [TestCase(1_234_567L, 0, "ticks")]
    [TestCase(TimeSpan.TicksPerMillisecond * 5, 120, "an offset east")]
    [TestCase(7L, -330, "an offset west, in minutes")]
    [TestCase(0L, 840, "the largest offset")]
    public async Task Timestamps_and_the_id_and_cursor_are_written_as_the_sdk_encodes_them(long ticksIntoTheSecond, int offsetMinutes, string what)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var time = new DateTimeOffset(Noon.DateTime.AddTicks(ticksIntoTheSecond), offset);
        ChangeEventView[] changes = [Change(1, "created", time: time), Change(long.MaxValue, "updated", time: time)];

        await AssertWrittenAsTheSdkDoesAsync(changes, what);
    }

    [Test]
    public async Task An_empty_batch_is_written_as_the_sdk_encodes_it() =>
        await AssertWrittenAsTheSdkDoesAsync([]);

    [Test]
    public async Task A_batch_larger_than_the_flush_threshold_is_written_whole_as_the_sdk_encodes_it()
    {
        var payload = $$"""{"name":"{{new string('x', 900)}}"}""";
        var changes = Enumerable.Range(1, 1000).Select(i => Change(i, OrganisationEvents.Types[i % 6][OrganisationEvents.TypePrefix.Length..],
            survivorId: "org_" + (i - 1), payload: payload)).ToArray();

        var written = await WriteAsync(changes);

        Assert.That(written, Has.Length.GreaterThan(CloudEventBatchWriter.FlushThreshold * 4));
        Assert.That(written, Is.EqualTo(SdkEncoding(changes)));
    }

    [Test]
    public async Task A_type_the_writer_does_not_know_yet_is_written_as_the_sdk_encodes_it() =>
        await AssertWrittenAsTheSdkDoesAsync([Change(1, "renamed")]);

    internal static byte[] SdkEncoding(IEnumerable<ChangeEventView> changes) =>
        OrganisationEvents.Formatter.EncodeBatchModeMessage(changes.Select(OrganisationEvents.ToCloudEvent), out _).ToArray();

    private static async Task AssertWrittenAsTheSdkDoesAsync(IReadOnlyList<ChangeEventView> changes, string? what = null)
    {
        var written = await WriteAsync(changes);
        var expected = SdkEncoding(changes);

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(Encoding.UTF8.GetString(expected)), what);
        Assert.That(written, Is.EqualTo(expected), what);
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyList<ChangeEventView> changes)
    {
        using var body = new MemoryStream();
        var writer = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        await CloudEventBatchWriter.WriteAsync(writer, changes, CancellationToken.None);
        await writer.CompleteAsync();
        return body.ToArray();
    }

    private static ChangeEventView Change(
        long sequence, string type, string id = "org_0001", string? survivorId = null, string payload = Record, DateTimeOffset? time = null) =>
        new(sequence, id, type, survivorId, sequence + 1, payload, RunId: 7, time ?? Noon.AddMilliseconds(sequence % 1000));
}
