namespace ClusterSync.Sources.Recorded;

/// <summary>A recorded upstream answer, ready to be served over local HTTP.</summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="ContentType">Value of the Content-Type header.</param>
/// <param name="Body">The body text (UTF-8 on the wire).</param>
public sealed record RecordedResponse(int StatusCode, string ContentType, string Body);
