using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Uploads;

/// <summary>
/// How many files a project may keep and how much an organisation's projects may store together (issue 24):
/// generous for any real use (a project's reports and pictures over years), a bound on what one editor's account can
/// fill the database with. Uploads:MaxFilesPerProject and Uploads:MaxGigabytesPerOrganisation set them.
/// </summary>
public static class FileQuota
{
    public const int DefaultMaxFilesPerProject = 200;
    public const double DefaultMaxGigabytesPerOrganisation = 10;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>Null when a new file of <paramref name="size"/> bytes fits; otherwise why not, in Swedish.</summary>
    public static async Task<string?> ProblemAsync(RegistryDbContext db, IConfiguration configuration, int projectId, int publisherId, long size, CancellationToken ct = default)
    {
        var maxFiles = configuration.GetValue("Uploads:MaxFilesPerProject", DefaultMaxFilesPerProject);
        var maxBytes = (long)(configuration.GetValue("Uploads:MaxGigabytesPerOrganisation", DefaultMaxGigabytesPerOrganisation) * 1024 * 1024 * 1024);
        var files = await db.ProjectFiles.CountAsync(f => f.ProjectId == projectId && f.RemovedAt == null, ct);
        if (files >= maxFiles)
            return $"Projektet har redan {files.ToString("N0", Swedish)} filer, så många som ett projekt får ha. Ta bort en fil som inte behövs innan du laddar upp en ny.";
        var stored = await db.ProjectFiles
            .Where(f => f.RemovedAt == null && db.Projects.Any(p => p.Id == f.ProjectId && p.PublisherId == publisherId))
            .SumAsync(f => (long?)f.Size, ct) ?? 0;
        if (stored + size > maxBytes)
            return $"Organisationens projekt har redan filer på sammanlagt {FileStore.MegaBytes(stored)} av högst {FileStore.MegaBytes(maxBytes)}. Ta bort filer som inte behövs, eller be registrets administratör höja gränsen.";
        return null;
    }
}
