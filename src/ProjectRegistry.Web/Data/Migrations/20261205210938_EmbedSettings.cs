using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmbedSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccentColor",
                table: "Organisations",
                type: "TEXT",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmbedOrigins",
                table: "Organisations",
                type: "TEXT",
                nullable: false,
                defaultValueSql: "'[]'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccentColor",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "EmbedOrigins",
                table: "Organisations");
        }
    }
}
