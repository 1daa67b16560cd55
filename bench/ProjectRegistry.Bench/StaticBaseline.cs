using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

[assembly: HostingStartup(typeof(ProjectRegistry.Bench.StaticBaseline))]

namespace ProjectRegistry.Bench;

/// <summary>
/// The baseline the pages are measured against: a file of the page's own size, sent by the same Kestrel
/// process through the same middleware. The published app serves only the static assets its build
/// manifest knows (MapStaticAssets), so bench/run.sh loads this assembly into it from outside, with
/// ASPNETCORE_HOSTINGSTARTUPASSEMBLIES and DOTNET_STARTUP_HOOKS (see StartupHook), and the app's code
/// stays as it is. Without the setting Bench:StaticFolder it adds nothing.
/// </summary>
public sealed class StaticBaseline : IHostingStartup
{
    public const string RequestPath = "/bench-static";

    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices((context, services) =>
    {
        if (context.Configuration["Bench:StaticFolder"] is { Length: > 0 } folder)
            services.AddSingleton<IStartupFilter>(new Filter(Path.GetFullPath(folder)));
    });

    /// <summary>
    /// Added after the app's own pipeline, so a baseline request passes the same security headers, request
    /// logging, routing and authorisation as a page does, and only then finds its file.
    /// </summary>
    private sealed class Filter(string folder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = RequestPath });
        };
    }
}
