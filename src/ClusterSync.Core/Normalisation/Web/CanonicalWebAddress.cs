namespace ClusterSync.Core.Normalisation.Web;

/// <summary>A web address in canonical form.</summary>
/// <param name="Url">Scheme, host, non-default port, path without trailing slash, query without tracking parameters.</param>
/// <param name="Host">Lower-case host without <c>www.</c>, internationalised labels in Unicode; an IP address as written in URLs.</param>
/// <param name="RegistrableDomain">The host's registrable domain in Unicode; null for an IP address.</param>
public sealed record CanonicalWebAddress(string Url, string Host, string? RegistrableDomain);
