namespace ClusterSync.Sources.Resilience;

/// <summary>
/// A response the client will not read: its body is larger than the configured cap, or it redirects away from the
/// configured origin. Asking again would get the same answer, so it is never retried and fails its page at once.
/// </summary>
public sealed class ResponseRefusedException : HttpRequestException
{
    public ResponseRefusedException(string message)
        : base(HttpRequestError.InvalidResponse, message)
    {
    }

    public ResponseRefusedException()
    {
    }

    public ResponseRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
