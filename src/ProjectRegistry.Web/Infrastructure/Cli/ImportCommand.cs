using ProjectRegistry.Web.Data.Seeding;

namespace ProjectRegistry.Web.Infrastructure.Cli;

/// <summary><c>import DIR</c>: a folder in the seed-data format, for a publisher that keeps its list in files.</summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string? directory, TextWriter stdout, TextWriter stderr)
    {
        if (directory is null) return await CliCommand.UsageAsync(stderr, "Ange mappen som ska läsas in: import MAPP");
        directory = Path.GetFullPath(directory);
        using var scope = services.CreateScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<SeedImporter>()
                .ImportDirectoryAsync(directory, $"import från {Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar))}");
            await stdout.WriteLineAsync(
                $"Inläst från {directory}: {result.NewOrganisations} nya organisationer, {result.NewProjects} nya projekt, " +
                $"{result.UpdatedProjects} ändrade projekt och {result.UnchangedProjects} oförändrade.");
            return 0;
        }
        catch (SeedDataException e)
        {
            await stderr.WriteLineAsync(e.Message);
            await stderr.WriteLineAsync("Ingenting är ändrat i registret.");
            return 1;
        }
    }
}
