using System.Net;

namespace ClusterSync.Sources.Resilience;

/// <summary>
/// Follows redirects itself (the primary handler follows none): only to the configured origin, at most
/// <see cref="UpstreamOptions.MaxRedirects"/> of them per request. A redirect to another scheme, host or port is
/// refused before anything is sent there, so a read never leaves the configured upstream.
/// </summary>
internal sealed class OriginRedirectHandler(Func<UpstreamOptions> options, string section) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            var from = response.RequestMessage?.RequestUri ?? request.RequestUri!;
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new ResponseRefusedException($"{from} answered a redirect without a Location header.");
            }

            var target = location.IsAbsoluteUri ? location : new Uri(from, location);
            if (settings.BaseAddress is not { } origin || !SameOrigin(target, origin))
            {
                throw new ResponseRefusedException(
                    $"{from} redirects to {target.GetLeftPart(UriPartial.Path)}, outside the configured origin {settings.BaseAddress?.GetLeftPart(UriPartial.Authority)}; it was not followed.");
            }

            if (hops >= settings.MaxRedirects)
            {
                throw new ResponseRefusedException(
                    $"{from} redirects to {target} after {hops} redirect(s), more than {section}:MaxRedirects allows ({settings.MaxRedirects}).");
            }

            var next = new HttpRequestMessage(HttpMethod.Get, target) { Version = request.Version, VersionPolicy = request.VersionPolicy };
            foreach (var header in request.Headers)
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response = await base.SendAsync(next, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool SameOrigin(Uri link, Uri origin) =>
        string.Equals(link.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(link.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && link.Port == origin.Port;
}
