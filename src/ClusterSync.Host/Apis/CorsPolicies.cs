namespace ClusterSync.Host.Apis;

/// <summary>
/// Cross-origin access for browser clients: the directory's read API for the origins listed in <c>Cors:AllowedOrigins</c>
/// (none by default: off), and the analysts' reconciliation endpoints (<c>/v1/match</c>, and <c>/reconcile</c> that OpenRefine
/// calls from a browser with GET and POST) for any origin, always.
/// </summary>
public static class CorsPolicies
{
    public const string Directory = "directory";
    public const string Reconciliation = "reconciliation";

    public static IServiceCollection AddClusterSyncCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        return services.AddCors(o =>
        {
            o.AddPolicy(Directory, p =>
            {
                if (origins.Length > 0)
                {
                    p.WithOrigins(origins).WithMethods("GET", "HEAD").AllowAnyHeader()
                        .WithExposedHeaders("ETag", "X-Feed-Cursor", "X-Attribution", "X-Export-Count", "X-Without-Coordinates");
                }
            });
            o.AddPolicy(Reconciliation, p => p.AllowAnyOrigin().WithMethods("GET", "POST").AllowAnyHeader());
        });
    }
}
