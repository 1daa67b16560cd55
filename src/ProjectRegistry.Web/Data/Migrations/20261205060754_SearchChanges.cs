using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations
{
    /// <summary>
    /// Search moves to a Lucene.NET index beside the database (issue 12): the change table every node's index
    /// follows, and the FTS5 table ProjectSearch with its triggers (the FullTextSearch migration) goes.
    /// </summary>
    public partial class SearchChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchChanges", x => x.Id);
                });

            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Projects_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Projects_search_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Projects_search_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ProjectSearch";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchChanges");
            FullTextSearch.Create(migrationBuilder);
        }
    }
}
