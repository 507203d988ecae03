using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Security;

/// <summary>
/// The scope table every endpoint follows (README, "Keys and scopes"): <c>read</c> reads the directory, sources and runs;
/// <c>partner</c> is read plus the feed and its own subscriptions; <c>operator</c> is read plus operations; <c>admin</c>
/// is everything and key management. The directory and the feed may be opened to callers without a key
/// (<see cref="AccessOptions"/>); a key that is presented and refused is never treated as no key.
/// </summary>
public static class ScopePolicies
{
    public const string Directory = "directory";
    public const string Read = "read";
    public const string Feed = "feed";
    public const string Partner = "partner";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> PartnerScopes = [ApiKeys.PartnerScope, ApiKeys.AdminScope];
    public static readonly IReadOnlyList<string> AdminScopes = [ApiKeys.AdminScope];

    // Policy → the scopes that pass it, and (for the directory and the feed) whether a caller without a key may, by configuration.
    private static readonly (string Policy, IReadOnlyList<string> Scopes, Func<AccessOptions, bool>? Anonymous)[] Table =
    [
        (Operator, ApiKeys.OperatingScopes, null),
        (Read, ApiKeys.ReadingScopes, null),
        (Partner, PartnerScopes, null),
        (Admin, AdminScopes, null),
        (Directory, ApiKeys.ReadingScopes, o => o.AnonymousDirectory),
        (Feed, PartnerScopes, o => o.AnonymousFeed),
    ];

    public static void Add(AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (policy, scopes, anonymous) in Table)
        {
            builder.AddPolicy(policy, p =>
            {
                if (anonymous is null)
                {
                    p.RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scopes);
                }
                else
                {
                    p.AddRequirements(new ScopeOrAnonymousRequirement(scopes, anonymous));
                }
            });
        }
    }

    /// <summary>The scopes that pass <paramref name="policy"/>, and whether a caller without a key passes it under <paramref name="access"/>.</summary>
    public static (IReadOnlyList<string> Scopes, bool Anonymous) Describe(string policy, AccessOptions access)
    {
        ArgumentNullException.ThrowIfNull(access);
        foreach (var entry in Table)
        {
            if (entry.Policy == policy)
            {
                return (entry.Scopes, entry.Anonymous?.Invoke(access) == true);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a scope policy.");
    }
}

/// <summary>One of <see cref="Scopes"/>, or no key at all when <see cref="AnonymousAllowed"/> says so.</summary>
public sealed class ScopeOrAnonymousRequirement(IReadOnlyList<string> scopes, Func<AccessOptions, bool> anonymousAllowed) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Scopes => scopes;

    public Func<AccessOptions, bool> AnonymousAllowed => anonymousAllowed;
}

internal sealed class ScopeOrAnonymousHandler(IOptionsMonitor<AccessOptions> access, IHttpContextAccessor http)
    : AuthorizationHandler<ScopeOrAnonymousRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeOrAnonymousRequirement requirement)
    {
        var scopes = context.User.FindAll(ApiKeyAuthenticationHandler.ScopeClaim).Select(c => c.Value);
        var keyless = context.User.Identity?.IsAuthenticated != true && !ApiKeyAuthenticationHandler.WasRefused(http.HttpContext);
        if (scopes.Any(requirement.Scopes.Contains) || (keyless && requirement.AnonymousAllowed(access.CurrentValue)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
