using System.Security.Cryptography;
using System.Text.Json;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>
/// The uploaded sheet between the upload, the mapping, the preview and the apply, kept on the server in the temp
/// folder: the browser only carries a random id, and the id is the uploader's alone (another account gets 404), so
/// what is applied is exactly the file that was previewed. Removed after apply, or after an hour.
/// </summary>
public static class ImportUploads
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public sealed record Upload(string Id, string UserId, int OrganisationId, string FileName, DateTime UploadedAt, List<string?>? Mapping)
    {
        public string DataPath => Path.Combine(Root, Id + ".data");
    }

    private static string Root => Path.Combine(Path.GetTempPath(), "projectregistry-imports");

    private static string MetaPath(string id) => Path.Combine(Root, id + ".json");

    public static async Task<Upload> SaveAsync(Stream content, string userId, int organisationId, string fileName, DateTime now)
    {
        Directory.CreateDirectory(Root);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Sweep();
        var upload = new Upload(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), userId, organisationId,
            Path.GetFileName(fileName.Replace('\\', '/')), now, null);
        await using (var file = File.Create(upload.DataPath)) await content.CopyToAsync(file);
        await WriteAsync(upload);
        return upload;
    }

    /// <summary>The upload with this id if it is this user's and less than an hour old; null otherwise.</summary>
    public static async Task<Upload?> FindAsync(string? id, string? userId, DateTime now)
    {
        if (userId is null || id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitLower) || !File.Exists(MetaPath(id))) return null;
        var upload = JsonSerializer.Deserialize<Upload>(await File.ReadAllTextAsync(MetaPath(id)));
        if (upload is null || upload.UserId != userId || !File.Exists(upload.DataPath)) return null;
        if (now - upload.UploadedAt > Lifetime)
        {
            Delete(id);
            return null;
        }
        return upload;
    }

    public static Task WriteAsync(Upload upload) => File.WriteAllTextAsync(MetaPath(upload.Id), JsonSerializer.Serialize(upload));

    public static void Delete(string id)
    {
        File.Delete(Path.Combine(Root, id + ".data"));
        File.Delete(MetaPath(id));
    }

    /// <summary>Removes the uploads older than an hour: previews that were never applied. Compared with the file system's own clock, which wrote the files' times.</summary>
    private static void Sweep()
    {
        foreach (var file in Directory.EnumerateFiles(Root))
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > Lifetime)
                try { File.Delete(file); } catch (IOException) { } // another request's sweep got there first
    }
}
