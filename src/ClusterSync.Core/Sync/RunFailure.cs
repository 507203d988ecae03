namespace ClusterSync.Core.Sync;

/// <summary>The one-line reason a failed run records: what an operator needs, not a wrapper's "see the inner exception".</summary>
public static class RunFailure
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is UpstreamException or SyncRefusedException)
        {
            return exception.Message;
        }

        var cause = exception.GetBaseException();
        var text = cause == exception
            ? $"{exception.GetType().Name}: {exception.Message}"
            : $"{exception.GetType().Name}: {exception.Message} ({cause.GetType().Name}: {cause.Message})";
        return text.ReplaceLineEndings(" ");
    }
}
