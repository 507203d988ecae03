using ClusterSync.Host.Security;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>
/// Key management for administrators (<c>admin</c> scope): create (the key is shown once), list, revoke (refused from the
/// next request on). Keys given in configuration are managed there and are not listed.
/// </summary>
public static class KeysApi
{
    public const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/keys").WithTags("Keys").AddEndpointFilter<ProblemEnrichmentFilter>().RequireAdmin();
        api.MapPost("/", CreateKey).WithName("CreateKey").WithSummary("Creates an API key and returns it once (only its hash is stored)");
        api.MapGet("/", ListKeys).WithName("ListKeys").WithSummary("Lists the stored API keys (never the keys themselves)");
        api.MapDelete("/{id}", RevokeKey).WithName("RevokeKey").WithSummary("Revokes a key: it is refused from the next request on");
        return app;
    }

    /// <summary>A key to create.</summary>
    /// <param name="Name">Who or what the key is for.</param>
    /// <param name="Scopes">Any of read, partner, operator, admin.</param>
    public sealed record CreateKeyBody(string? Name, IReadOnlyList<string>? Scopes);

    /// <summary>A created key: <see cref="Key"/> is shown this once.</summary>
    public sealed record CreatedKey(string Id, string Name, IReadOnlyList<string> Scopes, string Key);

    public static async Task<Results<Created<CreatedKey>, BadRequest<ProblemDetails>>> CreateKey(
        CreateKeyBody? body, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var name = body?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return TypedResults.BadRequest(Problems.Invalid($"name is required, at most {MaxNameLength} characters."));
        }

        var scopes = (body!.Scopes ?? []).Select(s => s?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (scopes.Count == 0 || scopes.Except(ApiKeys.KnownScopes).Any())
        {
            return TypedResults.BadRequest(Problems.Invalid($"scopes must be one or more of {string.Join(", ", ApiKeys.KnownScopes)}."));
        }

        var (id, key) = ApiKeys.Create();
        await store.AddAsync(id, name, ApiKeys.Hash(key), scopes, cancellationToken);
        return TypedResults.Created($"/v1/keys/{id}", new CreatedKey(id, name, scopes, key));
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListKeys(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeKey(string id, ApiKeyStore store, CancellationToken cancellationToken) =>
        id.Length <= 40 && await store.RevokeAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(Problems.Missing("active key", id.Length <= 40 ? id : id[..40]));
}
