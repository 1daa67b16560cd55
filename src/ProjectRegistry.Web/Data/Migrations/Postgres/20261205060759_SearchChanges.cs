using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Search moves to a Lucene.NET index beside the database (issue 12): the change table every node's index
    /// follows, and the tsvector column SearchVector with its GIN index (the FullTextSearch migration) goes.
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchChanges", x => x.Id);
                });

            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Projects_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Projects" DROP COLUMN IF EXISTS "SearchVector";""");
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
