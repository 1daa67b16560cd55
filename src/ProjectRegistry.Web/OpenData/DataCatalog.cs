using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.OpenData;

/// <summary>
/// The data set described in DCAT-AP-SE (RDF/XML) at /dcat.rdf, for dataportal.se to harvest: the catalogue,
/// the project data set, and its distributions (CSV, JSON, the API), all under CC0.
/// </summary>
public static class DataCatalog
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Dcat = "http://www.w3.org/ns/dcat#";
    private const string Dct = "http://purl.org/dc/terms/";
    private const string Foaf = "http://xmlns.com/foaf/0.1/";
    private const string Vcard = "http://www.w3.org/2006/vcard/ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private const string Cc0 = "http://creativecommons.org/publicdomain/zero/1.0/";

    public static IEndpointRouteBuilder MapDataCatalog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dcat.rdf", CatalogAsync).RequireCors(Api.CorsPolicy);
        return app;
    }

    private static async Task<IResult> CatalogAsync(HttpContext http, RegistryDbContext db, IOptions<SiteOptions> site)
    {
        var b = SiteOptions.BaseUrl(http.Request);
        var modified = await db.PublicProjects.MaxAsync(p => (DateTime?)p.UpdatedAt, http.RequestAborted) ?? DateTime.UtcNow;
        var name = site.Value.Name;

        using var stream = new MemoryStream();
        await using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            await w.WriteStartDocumentAsync();
            w.WriteStartElement("rdf", "RDF", Rdf);
            w.WriteAttributeString("xmlns", "dcat", null, Dcat);
            w.WriteAttributeString("xmlns", "dcterms", null, Dct);
            w.WriteAttributeString("xmlns", "foaf", null, Foaf);
            w.WriteAttributeString("xmlns", "vcard", null, Vcard);

            w.WriteStartElement("dcat", "Catalog", Dcat);
            w.WriteAttributeString("rdf", "about", Rdf, $"{b}/dcat.rdf#catalog");
            Text(w, Dct, "title", name);
            Text(w, Dct, "description", "Projekt som Leaderområden och kommuner har beviljat, driver eller medfinansierar.");
            Resource(w, Dct, "publisher", $"{b}/#publisher");
            Resource(w, Dct, "license", Cc0);
            Resource(w, Dct, "language", "http://publications.europa.eu/resource/authority/language/SWE");
            Resource(w, Foaf, "homepage", $"{b}/");
            w.WriteStartElement("dcat", "dataset", Dcat);
            Dataset(w, b, name, modified);
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("foaf", "Agent", Foaf);
            w.WriteAttributeString("rdf", "about", Rdf, $"{b}/#publisher");
            w.WriteElementString("foaf", "name", Foaf, name);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return Results.File(stream.ToArray(), "application/rdf+xml; charset=utf-8");
    }

    private static void Dataset(XmlWriter w, string b, string name, DateTime modified)
    {
        w.WriteStartElement("dcat", "Dataset", Dcat);
        w.WriteAttributeString("rdf", "about", Rdf, $"{b}/dcat.rdf#projekt");
        Text(w, Dct, "title", "Projekt i " + name);
        Text(w, Dct, "description",
            "Bidragsfinansierade projekt med syfte, mål, period, budget, finansiärer och deras andelar, berörda kommuner (kommunkod), "
            + "målområden i den lokala utvecklingsstrategin, kontaktpersoner och statushistorik.");
        Resource(w, Dct, "publisher", $"{b}/#publisher");
        Resource(w, Dct, "license", Cc0);
        Resource(w, Dct, "accessRights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
        Resource(w, Dcat, "theme", "http://publications.europa.eu/resource/authority/data-theme/GOVE");
        Resource(w, Dcat, "theme", "http://publications.europa.eu/resource/authority/data-theme/ECON");
        Resource(w, Dcat, "landingPage", $"{b}/projekt");
        Resource(w, Dct, "spatial", "http://publications.europa.eu/resource/authority/country/SWE");
        foreach (var keyword in new[] { "Leader", "landsbygdsutveckling", "projekt", "EU-fonder", "medfinansiering" })
            Text(w, Dcat, "keyword", keyword);
        w.WriteStartElement("dcterms", "modified", Dct);
        w.WriteAttributeString("rdf", "datatype", Rdf, Xsd + "date");
        w.WriteString(modified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndElement();
        w.WriteStartElement("dcat", "contactPoint", Dcat);
        w.WriteStartElement("vcard", "Organization", Vcard);
        w.WriteElementString("vcard", "fn", Vcard, name);
        Resource(w, Vcard, "hasURL", $"{b}/om");
        w.WriteEndElement();
        w.WriteEndElement();
        Distribution(w, $"{b}/projekt.csv", "CSV för Excel", "CSV", "text/csv", download: true);
        Distribution(w, $"{b}/projekt.xlsx", "Excel (projekt och finansiärer)", "XLSX", XlsxDownload.ContentType, download: true);
        Distribution(w, $"{b}/projekt.json", "JSON", "JSON", "application/json", download: true);
        Distribution(w, $"{b}/api/v1/projects", "API (OpenAPI-beskrivning: /api/v1/openapi.json)", "JSON", "application/json", download: false);
        w.WriteEndElement();
    }

    private static void Distribution(XmlWriter w, string url, string title, string format, string mediaType, bool download)
    {
        w.WriteStartElement("dcat", "distribution", Dcat);
        w.WriteStartElement("dcat", "Distribution", Dcat);
        w.WriteAttributeString("rdf", "about", Rdf, url);
        Text(w, Dct, "title", title);
        Resource(w, Dcat, "accessURL", url);
        if (download) Resource(w, Dcat, "downloadURL", url);
        Resource(w, Dct, "format", $"http://publications.europa.eu/resource/authority/file-type/{format}");
        Resource(w, Dcat, "mediaType", $"https://www.iana.org/assignments/media-types/{mediaType}");
        Resource(w, Dct, "license", Cc0);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string ns, string name, string value)
    {
        w.WriteStartElement(ns == Dct ? "dcterms" : "dcat", name, ns);
        w.WriteAttributeString("xml", "lang", null, "sv");
        w.WriteString(value);
        w.WriteEndElement();
    }

    private static void Resource(XmlWriter w, string ns, string name, string uri)
    {
        var prefix = ns switch { Dct => "dcterms", Dcat => "dcat", Foaf => "foaf", _ => "vcard" };
        w.WriteStartElement(prefix, name, ns);
        w.WriteAttributeString("rdf", "resource", Rdf, uri);
        w.WriteEndElement();
    }
}
