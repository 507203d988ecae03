using ClusterSync.Storage.Paging;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>The paging parameters every list endpoint takes, with one limit rule.</summary>
/// <param name="Limit">Items per page, 1 to <see cref="MaxLimit"/>; <see cref="DefaultLimit"/> when absent.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page; absent for the first page.</param>
public sealed record PageQuery(int? Limit, string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The problem with these parameters, or null when they are valid.</summary>
    public ProblemDetails? Problem() =>
        Limit is < 1 or > MaxLimit ? Problems.Invalid($"limit must be between 1 and {MaxLimit}.")
        : Cursor is { Length: 0 or > 200 } ? Problems.Invalid("cursor is not one this API returned.")
        : null;

    public PageRequest ToRequest() => new(Limit ?? DefaultLimit, Cursor);
}
