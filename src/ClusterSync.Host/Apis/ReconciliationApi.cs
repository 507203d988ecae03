using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterSync.Host.Reconciliation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Apis;

/// <summary>
/// The W3C Entity Reconciliation API (protocol 0.2, as OpenRefine speaks it) over the directory: the service manifest,
/// reconciliation batches, data extension, preview and the entity and property suggest services. Anonymous like the directory
/// read, under the same rate limits, and open to any origin (OpenRefine runs in a browser). GET answers take a JSONP
/// <c>callback</c>.
/// </summary>
public static partial class ReconciliationApi
{
    public const string Path = "/reconcile";

    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Reconciliation").AddEndpointFilter<ProblemEnrichmentFilter>()
            .RequireCors(CorsPolicies.Reconciliation).RequireDirectoryReader().ExcludeFromDescription();
        api.MapGet("/", Get).WithName("Reconcile");
        api.MapPost("/", Post).WithName("ReconcilePost").DisableAntiforgery();
        api.MapGet("/properties", ProposeProperties).WithName("ReconcileProposeProperties");
        api.MapGet("/suggest/entity", SuggestEntity).WithName("ReconcileSuggestEntity");
        api.MapGet("/suggest/property", SuggestProperty).WithName("ReconcileSuggestProperty");
        api.MapGet("/preview", Preview).WithName("ReconcilePreview");
        return app;
    }

    /// <summary>The manifest; with <c>queries</c> or <c>extend</c> in the query string, their answer.</summary>
    public static async Task<IResult> Get(HttpContext context, ReconciliationService service, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (query.TryGetValue("queries", out var queries))
        {
            return await AnswerAsync(context, service, queries.ToString(), null, cancellationToken);
        }

        if (query.TryGetValue("extend", out var extend))
        {
            return await AnswerAsync(context, service, null, extend.ToString(), cancellationToken);
        }

        return Respond(context, ManifestFor(context.Request));
    }

    /// <summary>Form-encoded <c>queries=</c> or <c>extend=</c> (as OpenRefine sends them), or the batch as a JSON body.</summary>
    public static async Task<IResult> Post(HttpContext context, ReconciliationService service, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ContainsKey("queries") || form.ContainsKey("extend")
                ? await AnswerAsync(context, service, form["queries"].FirstOrDefault(), form["extend"].FirstOrDefault(), cancellationToken)
                : TypedResults.BadRequest(Problems.Invalid("The form needs a queries or an extend field."));
        }

        if (request.HasJsonContentType())
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(cancellationToken);
            return IsExtension(body)
                ? await AnswerAsync(context, service, null, body, cancellationToken)
                : await AnswerAsync(context, service, body, null, cancellationToken);
        }

        return TypedResults.BadRequest(Problems.Invalid("Send queries form-encoded (queries=…) or as a JSON body."));
    }

    public static IResult ProposeProperties(HttpContext context, string? type, int? limit) =>
        type is not null && type != ReconciliationService.OrganisationType.Id
            ? TypedResults.BadRequest(Problems.Invalid($"Unknown type '{type}'; the only type is '{ReconciliationService.OrganisationType.Id}'."))
            : Respond(context, new PropertyProposal(ReconciliationService.OrganisationType.Id,
                [.. ReconciliationService.ExtensionProperties.Take(Math.Max(1, limit ?? int.MaxValue))], limit ?? ReconciliationService.ExtensionProperties.Count));

    /// <summary>
    /// Entity suggestions for a prefix; <paramref name="cursor"/> (the specification's paging) is how many of the
    /// ranked suggestions to skip, so a client asks for the next page with <c>cursor</c> = what it has.
    /// </summary>
    public static async Task<IResult> SuggestEntity(HttpContext context, string? prefix, int? limit, int? cursor, ReconciliationService service, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100)
        {
            return TypedResults.BadRequest(Problems.Invalid("limit must be between 1 and 100."));
        }

        if (cursor is < 0 or > ReconciliationService.MaxSuggestCursor)
        {
            return TypedResults.BadRequest(Problems.Invalid($"cursor must be between 0 and {ReconciliationService.MaxSuggestCursor}."));
        }

        return Respond(context, new SuggestResponse(await service.SuggestEntitiesAsync(prefix ?? "", limit ?? 10, cursor ?? 0, cancellationToken)));
    }

    public static IResult SuggestProperty(HttpContext context, string? prefix) =>
        Respond(context, new SuggestResponse(ReconciliationService.SuggestProperties(prefix)));

    /// <summary>A small HTML card of the organisation, for OpenRefine's preview pop-up.</summary>
    public static async Task<IResult> Preview(string? id, ReconciliationService service, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || await service.ActiveGoldenAsync(id, cancellationToken) is not { } golden)
        {
            return TypedResults.NotFound(Problems.Missing("organisation", id ?? ""));
        }

        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sectors = string.Join(", ", golden.Sectors.Where(s => s.Weight >= 1).Select(s => s.Label ?? s.Code).Distinct().Take(4));
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{E(golden.Name)}</title>
            <style>body{"{"}font:14px/1.4 system-ui,sans-serif;margin:8px{"}"}h1{"{"}font-size:16px;margin:0 0 4px{"}"}p{"{"}margin:2px 0;color:#333{"}"}</style></head>
            <body><h1>{E(golden.Name)}</h1><p>{E(ReconciliationService.Describe(golden))}</p><p>{E(golden.Website)}</p><p>{E(sectors)}</p>
            <p>{E(string.Join(", ", golden.SourceRecords.Select(s => s.Source).Distinct()))}</p></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The manifest, with every URL absolute on the address the request came to.</summary>
    public static ReconciliationManifest ManifestFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var service = root + Path;
        return new ReconciliationManifest(
            ["0.1", "0.2"],
            "ClusterSync cluster organisations (EU ECCP and U.S. Cluster Registry)",
            root + "/v1/organisations/",
            root + "/reconcile/properties/",
            root + "/docs",
            [ReconciliationService.OrganisationType],
            new ReconciliationView(root + "/#/organisations/{{id}}"),
            new ReconciliationPreview(service + "/preview?id={{id}}", 400, 160),
            new ReconciliationSuggest(new ServiceLocation(service, "/suggest/entity"), new ServiceLocation(service, "/suggest/property")),
            new ReconciliationExtend(new ServiceLocation(service, "/properties"), []));
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, ReconciliationService service, string? queries, string? extend, CancellationToken cancellationToken)
    {
        var (json, field) = queries is not null ? (queries, "queries") : (extend ?? "", "extend");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return TypedResults.BadRequest(Problems.Invalid($"{field} is not JSON: {ex.Message}"));
        }

        using (document)
        {
            try
            {
                return queries is not null
                    ? Respond(context, await service.ReconcileAsync(document.RootElement, cancellationToken))
                    : Respond(context, await service.ExtendAsync(document.RootElement, cancellationToken));
            }
            catch (ReconciliationRequestException ex)
            {
                return TypedResults.BadRequest(Problems.Invalid(ex.Message));
            }
        }
    }

    /// <summary>A JSON body is a data extension request when it has <c>ids</c> and <c>properties</c> arrays.</summary>
    private static bool IsExtension(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array
                && root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>JSON, or JSONP when the request names a <c>callback</c> (a JavaScript identifier path only).</summary>
    private static IResult Respond<T>(HttpContext context, T value)
    {
        var callback = context.Request.Method == HttpMethods.Get ? context.Request.Query["callback"].FirstOrDefault() : null;
        if (callback is null)
        {
            return TypedResults.Json(value);
        }

        if (!CallbackName().IsMatch(callback))
        {
            return TypedResults.BadRequest(Problems.Invalid("callback must be a JavaScript identifier (letters, digits, _, $ and dots)."));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content($"/**/{callback}({JsonSerializer.Serialize(value, options)});", "application/javascript; charset=utf-8");
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*){0,4}$")]
    private static partial Regex CallbackName();
}
