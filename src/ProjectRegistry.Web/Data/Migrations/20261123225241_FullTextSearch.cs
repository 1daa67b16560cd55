using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations
{
    /// <summary>
    /// Free-text search on SQLite FTS5: an index over each project's title and folded search text (an
    /// external-content table, so the text is not stored twice), kept in step by triggers. unicode61 with
    /// remove_diacritics 2 folds å, ä, ö and é, so "goteborg" finds "Göteborg". A later migration that
    /// rebuilds the Projects table (SQLite's way of altering columns) drops these triggers and must create
    /// them again; the search tests would catch it.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Create(migrationBuilder);

        /// <summary>Also the Down of SearchChanges, which drops all this.</summary>
        internal static void Create(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ProjectSearch" USING fts5(
                    "Title", "SearchText",
                    content = 'Projects', content_rowid = 'Id',
                    tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_search_insert" AFTER INSERT ON "Projects" BEGIN
                    INSERT INTO "ProjectSearch" (rowid, "Title", "SearchText") VALUES (new."Id", new."Title", new."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_search_delete" AFTER DELETE ON "Projects" BEGIN
                    INSERT INTO "ProjectSearch" ("ProjectSearch", rowid, "Title", "SearchText") VALUES ('delete', old."Id", old."Title", old."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_search_update" AFTER UPDATE OF "Title", "SearchText" ON "Projects" BEGIN
                    INSERT INTO "ProjectSearch" ("ProjectSearch", rowid, "Title", "SearchText") VALUES ('delete', old."Id", old."Title", old."SearchText");
                    INSERT INTO "ProjectSearch" (rowid, "Title", "SearchText") VALUES (new."Id", new."Title", new."SearchText");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "ProjectSearch" ("ProjectSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Projects_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Projects_search_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Projects_search_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ProjectSearch";""");
        }
    }
}
