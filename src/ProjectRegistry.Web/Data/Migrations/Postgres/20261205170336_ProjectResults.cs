using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProjectResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Results",
                table: "Projects",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlannedBudgetCurrency",
                table: "GoalAreas",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PlannedBudgetMinorUnits",
                table: "GoalAreas",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Indicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "sv"),
                    Unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    EuCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Target = table.Column<long>(type: "bigint", nullable: true),
                    GoalAreaId = table.Column<int>(type: "integer", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Indicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Indicators_GoalAreas_GoalAreaId",
                        column: x => x.GoalAreaId,
                        principalTable: "GoalAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Indicators_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectIndicatorValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Planned = table.Column<long>(type: "bigint", nullable: true),
                    Achieved = table.Column<long>(type: "bigint", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectIndicatorValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectIndicatorValues_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProjectIndicatorValues_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_GoalAreaId",
                table: "Indicators",
                column: "GoalAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_OrganisationId_Name",
                table: "Indicators",
                columns: new[] { "OrganisationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectIndicatorValues_IndicatorId",
                table: "ProjectIndicatorValues",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectIndicatorValues_ProjectId_IndicatorId",
                table: "ProjectIndicatorValues",
                columns: new[] { "ProjectId", "IndicatorId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProjectIndicatorValues");

            migrationBuilder.DropTable(
                name: "Indicators");

            migrationBuilder.DropColumn(
                name: "Results",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "PlannedBudgetCurrency",
                table: "GoalAreas");

            migrationBuilder.DropColumn(
                name: "PlannedBudgetMinorUnits",
                table: "GoalAreas");
        }
    }
}
