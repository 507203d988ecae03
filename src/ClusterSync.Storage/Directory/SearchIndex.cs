using System.ComponentModel.DataAnnotations.Schema;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>An organisation a search matched, with its score (higher is better).</summary>
internal sealed class SearchHit
{
    [Column("id")]
    public string Id { get; set; } = "";

    [Column("score")]
    public double Score { get; set; }
}

/// <summary>
/// The full-text side of search, per provider, over the folded <see cref="DirectoryOrganisationRow.SearchText"/>:
/// SQLite's FTS5 table <c>directory_search</c> (ranked by bm25), PostgreSQL's <c>pg_trgm</c> index (ranked by word
/// similarity). Every query word must begin a word of the text, in any order.
/// </summary>
internal static class SearchIndex
{
    public static IQueryable<SearchHit> Hits(ClusterSyncDbContext db, IReadOnlyList<string> words)
    {
        // Folded words are lower-case ASCII letters and digits only, so they are safe inside FTS5 quotes and LIKE.
        if (db.Provider == StorageProvider.Sqlite)
        {
            var match = string.Join(' ', words.Select(w => "\"" + w + "\"*"));
            return db.Database.SqlQueryRaw<SearchHit>(
                "SELECT o.id AS id, -bm25(directory_search) AS score FROM directory_search "
                + "JOIN directory_organisations AS o ON o.rowid = directory_search.rowid WHERE directory_search MATCH {0}", match);
        }

        var conditions = string.Join(" AND ", words.Select((_, i) => "(' ' || search_text) LIKE {" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
        var sql = "SELECT id, word_similarity({0}, ' ' || search_text)::float8 AS score FROM directory_organisations WHERE " + conditions;
        object[] parameters = [string.Join(' ', words), .. words.Select(w => "% " + w + "%")];
        return db.Database.SqlQueryRaw<SearchHit>(sql, parameters);
    }
}
