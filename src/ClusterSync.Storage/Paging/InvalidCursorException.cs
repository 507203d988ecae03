namespace ClusterSync.Storage.Paging;

/// <summary>A cursor that this API did not return (or that belongs to another list).</summary>
public sealed class InvalidCursorException : FormatException
{
    public InvalidCursorException()
        : base("cursor is not one this API returned.")
    {
    }

    public InvalidCursorException(string message)
        : base(message)
    {
    }

    public InvalidCursorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
