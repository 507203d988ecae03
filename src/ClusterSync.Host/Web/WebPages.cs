using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace ClusterSync.Host.Web;

/// <summary>
/// What a browser sees: the analysts' and operators' page at <c>/</c> (static files from <c>wwwroot</c>, copied beside the
/// executable) and the API reference at <c>/docs</c>. Both load nothing from other hosts: the page bundles its world outline,
/// and the reference's script is the one embedded in Scalar.AspNetCore, with its CDN fonts, telemetry and AI features off.
/// </summary>
public static class WebPages
{
    public const string ApiReferencePath = "/docs";

    /// <summary>Serves <c>wwwroot</c>: <c>/</c> is <c>index.html</c>. Only files that exist are answered; every other path goes on to the API.</summary>
    public static IApplicationBuilder UseWebPage(this IApplicationBuilder app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!System.IO.Directory.Exists(root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";
            },
        });
    }

    /// <summary>The API reference at <c>/docs</c>, reading <c>/openapi/v1.json</c>, served with the package's own bundled script.</summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(ApiReferencePath, o => o
            .WithTitle("ClusterSync API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument("v1")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp())
            .ExcludeFromDescription();
        return app;
    }
}
