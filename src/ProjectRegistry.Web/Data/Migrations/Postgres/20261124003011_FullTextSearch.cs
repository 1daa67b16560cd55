using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Free-text search on PostgreSQL: a stored tsvector column over each project's title (weight A) and folded
    /// search text (weight D, so a title hit ranks ten times higher with ts_rank's default weights), with a GIN
    /// index. The 'simple' configuration, not 'swedish': the words are indexed as written (after the app's folding
    /// of å, ä, ö and é in SearchText), without Swedish stemming or stop words, so that a search finds exactly
    /// what it finds on SQLite (FTS5 with unicode61): every word as a prefix, "fiske" finding "fisket" but not
    /// "fiskar". Punctuation that PostgreSQL's parser would read as part of a URL, e-mail address, file name,
    /// version number or hyphenated word becomes a space first, so that words split where FTS5 splits them.
    /// The column is not in the EF model: only <see cref="RegistryDbContext.Search"/> reads it.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Create(migrationBuilder);

        /// <summary>Also the Down of SearchChanges, which drops all this.</summary>
        internal static void Create(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Projects" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, translate(lower("Title"), 'åäöéèëêáàâãüúùûíìîïóòôõçñýÿ.-/@:_+~\', 'aaoeeeeaaaauuuuiiiioooocnyy         ')), 'A') || setweight(to_tsvector('simple'::regconfig, translate("SearchText", '.-/@:_+~\', '         ')), 'D')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Projects_SearchVector" ON "Projects" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Projects_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Projects" DROP COLUMN IF EXISTS "SearchVector";""");
        }
    }
}
