using ProjectRegistry.Web.Infrastructure.Http;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages;

public static class PagesSetup
{
    /// <summary>The Razor Pages, the admin folder protected, with the routes and filters that are not a page's own.</summary>
    public static IServiceCollection AddRegistryPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                StaffSecurity.ProtectAdminFolder(o.Conventions);
                // A POST to an admin page that finds none of its handlers is a 400, not a page rendered without its data.
                o.Conventions.AddFolderApplicationModelConvention("/Admin", m => m.Filters.Add(new HandlerRequiredFilter()));
                // A readable address for a new project; links are always generated to /admin/projekt/{id}.
                o.Conventions.AddPageRouteModelConvention("/Admin/Projects/Edit", model => model.Selectors.Add(new()
                {
                    AttributeRouteModel = new() { Template = "admin/projekt/ny", SuppressLinkGeneration = true },
                }));
                // The project form's "Förhandsvisa" posts to the public project page, which shows the form's unsaved content to
                // staff who may edit it (DetailsModel.OnPostPreviewAsync); an admin address, so never compressed or public.
                o.Conventions.AddPageRouteModelConvention("/Projects/Details", model =>
                {
                    model.Selectors.Add(new() { AttributeRouteModel = new() { Template = "admin/projekt/{id:int}/forhandsvisning", SuppressLinkGeneration = true } });
                    model.Selectors.Add(new() { AttributeRouteModel = new() { Template = "admin/projekt/ny/forhandsvisning", SuppressLinkGeneration = true } });
                });
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<StaffPageFilter>();
                SwedishBindingMessages.Apply(o.ModelBindingMessageProvider);
            });
        // The import's uploaded sheets, read once and kept in this installation's own folder.
        services.AddSingleton<Admin.Import.ImportUploads>();
        return services;
    }
}
