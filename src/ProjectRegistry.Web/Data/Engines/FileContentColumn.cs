using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>Where the model stores a file's bytes, for the engines' streaming reads: the same names EF's migrations made.</summary>
internal sealed record FileContentColumn(string Table, string Key, string Bytes)
{
    public static FileContentColumn Of(RegistryDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(ProjectFileContent))!;
        return new(entity.GetTableName()!,
            entity.FindProperty(nameof(ProjectFileContent.Id))!.GetColumnName(),
            entity.FindProperty(nameof(ProjectFileContent.Bytes))!.GetColumnName());
    }
}
