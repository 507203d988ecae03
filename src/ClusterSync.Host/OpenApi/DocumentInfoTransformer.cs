using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClusterSync.Host.OpenApi;

/// <summary>The document's title, description, server (the instance serving it) and what each tag groups.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Organisations"] = "The published directory: golden records with provenance, search, filters, facets and exports.",
        ["Sectors"] = "The sector crosswalk between U.S. benchmark clusters, EU industrial ecosystems and NACE, and cross-Atlantic partner suggestions.",
        ["Operations"] = "Sources, sync runs, schedules, instances, the quarantine and the operators' audit trail.",
        ["Matching"] = "Why records were matched: explanations of organisations and pairs, and the review queue.",
        ["Decisions"] = "Operators' must-link and cannot-link decisions.",
        ["Changes"] = "The change feed: CloudEvents batches after a cursor, and a snapshot to start from.",
        ["Keys"] = "API keys and their scopes.",
        ["Webhooks"] = "A partner's webhook subscriptions: signed deliveries of the feed's events, the delivery log, redelivery, ping and secret rotation.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "ClusterSync API",
            Version = "1.0.0",
            Description = "The reconciled directory of cluster organisations from the EU's ECCP and the U.S. Cluster Registry, with per-field "
                + "provenance, match explanations, a change feed and operations. Errors are RFC 9457 problem details with stable `type` URNs "
                + "(`urn:clustersync:problem:*`). The golden record's schema is `contracts/schema/directory-organisation.v1.schema.json`.",
        };

        // Relative: the API is where this document is served from, whatever the host name.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The ClusterSync instance serving this document." }];
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description ??= description;
            }
        }

        return Task.CompletedTask;
    }
}
