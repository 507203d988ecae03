using System.Security.Claims;
using System.Text.Encodings.Web;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Security;

/// <summary>Authenticates <c>X-Api-Key</c> (or <c>Authorization: ApiKey …</c>) against configured and stored keys.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys,
    ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ScopeClaim = "scope";

    /// <summary>The log category of refused keys, at debug level (the framework's own line for them is kept below information).</summary>
    public const string RefusalCategory = "ClusterSync.Host.Security.RefusedKeys";

    private static readonly object RefusedKey = new();

    private readonly ILogger _refusals = logger.CreateLogger(RefusalCategory);

    /// <summary>Whether this request presented a key that was refused (it is then never served as a request without a key).</summary>
    public static bool WasRefused(HttpContext? context) => context?.Items.ContainsKey(RefusedKey) == true;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[HeaderName].FirstOrDefault();
        if (key is null && Request.Headers.Authorization.FirstOrDefault() is { } auth
            && auth.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            key = auth[(SchemeName.Length + 1)..].Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        var match = await FindAsync(key);
        if (match is null)
        {
            Context.Items[RefusedKey] = true;
            _refusals.LogDebug("Refused an API key (id {KeyId}) for {Method} {Path}.", ApiKeys.IdOf(key) ?? "none", Request.Method, Request.Path);
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, match.Value.Name) };
        claims.AddRange(match.Value.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} realm=\"clustersync\", header=\"{HeaderName}\"";
        return base.HandleChallengeAsync(properties);
    }

    /// <summary>Configured keys are compared as hashes of equal length in constant time, every one of them, whatever matches.</summary>
    private async Task<(string Name, IReadOnlyList<string> Scopes)?> FindAsync(string key)
    {
        (string, IReadOnlyList<string>)? found = null;
        foreach (var configured in keys.CurrentValue.Keys)
        {
            var matches = configured.Hash is { Length: > 0 } hash ? ApiKeys.Verify(key, hash)
                : configured.Key is { Length: > 0 } plain && ApiKeys.Verify(key, ApiKeys.Hash(plain));
            if (matches && found is null)
            {
                found = (configured.Name, [.. configured.Scopes]);
            }
        }

        if (found is not null)
        {
            return found;
        }

        if (ApiKeys.IdOf(key) is not { } id)
        {
            return null;
        }

        var stored = await store.FindActiveAsync(id, Context.RequestAborted);
        return stored is not null && ApiKeys.Verify(key, stored.Hash) ? (stored.Name, stored.Scopes) : null;
    }
}
