using System.Security.Cryptography;
using System.Text.Json;
using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>
/// The uploaded sheet between the upload, the mapping, the preview and the apply. The file is read once, at the
/// upload (<see cref="SheetReader"/>), and what it says is kept on the server as JSON; the file itself is deleted at
/// once, also when it cannot be read. The browser only carries a random id, and the id is the uploader's alone
/// (another account gets 404), so what is applied is exactly what was previewed. Removed after apply, or after an hour.
/// The folder is this installation's own (beside the SQLite file, else App_Data/import; Import:Folder sets it), so two
/// sites on one host never sweep each other's uploads.
/// </summary>
public sealed class ImportUploads(IConfiguration configuration, IHostEnvironment environment, IDatabaseEngine engine)
{
    public const string FolderSetting = "Import:Folder";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public sealed record Upload(string Id, string UserId, int OrganisationId, string FileName, DateTime UploadedAt, List<string?>? Mapping);

    /// <summary>The folder of the uploads.</summary>
    public string Root { get; } = configuration[FolderSetting] is { Length: > 0 } configured
        ? Path.GetFullPath(configured, environment.ContentRootPath)
        : engine.StatePath(".import", "import");

    private string MetaPath(string id) => Path.Combine(Root, id + ".json");

    private string SheetPath(string id) => Path.Combine(Root, id + ".sheet.json");

    private string FilePath(string id) => Path.Combine(Root, id + ".upload");

    /// <summary>
    /// Reads the uploaded file as a sheet and keeps what it says; the file is gone afterwards whatever happened.
    /// Throws <see cref="SheetException"/> with the Swedish reason when the file is not a sheet this import reads.
    /// </summary>
    public async Task<(Upload Upload, SheetData Sheet)> SaveAsync(Stream content, string userId, int organisationId, string fileName, DateTime now)
    {
        Directory.CreateDirectory(Root);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Sweep();
        var upload = new Upload(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), userId, organisationId,
            Path.GetFileName(fileName.Replace('\\', '/')), now, null);
        try
        {
            await using (var file = File.Create(FilePath(upload.Id))) await content.CopyToAsync(file);
            var sheet = SheetReader.Read(FilePath(upload.Id));
            await using (var json = File.Create(SheetPath(upload.Id))) await JsonSerializer.SerializeAsync(json, sheet);
            await WriteAsync(upload);
            return (upload, sheet);
        }
        catch
        {
            Delete(upload.Id);
            throw;
        }
        finally
        {
            File.Delete(FilePath(upload.Id));
        }
    }

    /// <summary>The upload with this id if it is this user's and less than an hour old; null otherwise.</summary>
    public async Task<Upload?> FindAsync(string? id, string? userId, DateTime now)
    {
        if (userId is null || id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitLower) || !File.Exists(MetaPath(id))) return null;
        var upload = JsonSerializer.Deserialize<Upload>(await File.ReadAllTextAsync(MetaPath(id)));
        if (upload is null || upload.UserId != userId || !File.Exists(SheetPath(id))) return null;
        if (now - upload.UploadedAt > Lifetime)
        {
            Delete(id);
            return null;
        }
        return upload;
    }

    /// <summary>What the uploaded file said, as read at the upload.</summary>
    public async Task<SheetData> SheetAsync(Upload upload)
    {
        await using var json = File.OpenRead(SheetPath(upload.Id));
        return await JsonSerializer.DeserializeAsync<SheetData>(json)
            ?? throw new InvalidOperationException($"Importen {upload.Id} har inget blad.");
    }

    public Task WriteAsync(Upload upload) => File.WriteAllTextAsync(MetaPath(upload.Id), JsonSerializer.Serialize(upload));

    public void Delete(string id)
    {
        File.Delete(FilePath(id));
        File.Delete(SheetPath(id));
        File.Delete(MetaPath(id));
    }

    /// <summary>Removes the uploads older than an hour: previews that were never applied. Compared with the file system's own clock, which wrote the files' times.</summary>
    private void Sweep()
    {
        foreach (var file in Directory.EnumerateFiles(Root))
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > Lifetime)
                try { File.Delete(file); } catch (IOException) { } // another request's sweep got there first
    }
}
