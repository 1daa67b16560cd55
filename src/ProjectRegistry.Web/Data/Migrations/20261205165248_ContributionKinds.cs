using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContributionKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Contribution",
                table: "ProjectFinanciers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HourlyRateCurrency",
                table: "ProjectFinanciers",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HourlyRateMinorUnits",
                table: "ProjectFinanciers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Hours",
                table: "ProjectFinanciers",
                type: "TEXT",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VolunteerHourRateCurrency",
                table: "Organisations",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VolunteerHourRateMinorUnits",
                table: "Organisations",
                type: "INTEGER",
                nullable: true);

            // Rows saved before the kinds existed get the kind Contributions.DefaultFor gives their organisation's kind:
            // the EU's funds, programmes and Leader offices (1, 5, 6) the grant, municipalities, regions and agencies
            // (2, 3, 4) public co-financing, everyone else private cash.
            migrationBuilder.Sql("""
                UPDATE ProjectFinanciers SET Contribution = CASE (SELECT o.Kind FROM Organisations o WHERE o.Id = ProjectFinanciers.OrganisationId) WHEN 1 THEN 1 WHEN 5 THEN 1 WHEN 6 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 ELSE 3 END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Contribution",
                table: "ProjectFinanciers");

            migrationBuilder.DropColumn(
                name: "HourlyRateCurrency",
                table: "ProjectFinanciers");

            migrationBuilder.DropColumn(
                name: "HourlyRateMinorUnits",
                table: "ProjectFinanciers");

            migrationBuilder.DropColumn(
                name: "Hours",
                table: "ProjectFinanciers");

            migrationBuilder.DropColumn(
                name: "VolunteerHourRateCurrency",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "VolunteerHourRateMinorUnits",
                table: "Organisations");
        }
    }
}
