using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorNameWithoutCollation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Indicators",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300,
                oldCollation: "sv");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Indicators",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                collation: "sv",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300);
        }
    }
}
