using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectRegistry.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertMailsCountedAndLinksFromPublicUrl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SiteUrl",
                table: "AlertSubscriptions");

            migrationBuilder.CreateTable(
                name: "AlertConfirmationMails",
                columns: table => new
                {
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertConfirmationMails", x => new { x.Email, x.Slot });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertConfirmationMails_SentAt",
                table: "AlertConfirmationMails",
                column: "SentAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertConfirmationMails");

            migrationBuilder.AddColumn<string>(
                name: "SiteUrl",
                table: "AlertSubscriptions",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");
        }
    }
}
