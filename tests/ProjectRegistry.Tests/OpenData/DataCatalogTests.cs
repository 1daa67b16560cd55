using System.Net;
using System.Xml.Linq;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.OpenData;

[Collection(SeededApp.Name)]
public class DataCatalogTests(RegistryAppFactory app)
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dcat = "http://www.w3.org/ns/dcat#";
    private static readonly XNamespace Dct = "http://purl.org/dc/terms/";

    [Fact]
    public async Task The_DCAT_description_names_the_data_set_its_CC0_licence_and_every_distribution()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/dcat.rdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rdf+xml", response.Content.Headers.ContentType?.MediaType);

        var rdf = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var dataset = rdf.Descendants(Dcat + "Dataset").Single();
        Assert.False(string.IsNullOrWhiteSpace(dataset.Element(Dct + "title")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(dataset.Element(Dct + "description")?.Value));
        Assert.NotNull(dataset.Element(Dcat + "contactPoint"));
        Assert.NotNull(dataset.Element(Dct + "publisher"));
        Assert.Equal("http://creativecommons.org/publicdomain/zero/1.0/", dataset.Element(Dct + "license")?.Attribute(Rdf + "resource")?.Value);
        var urls = dataset.Descendants(Dcat + "Distribution").Select(d => new Uri(d.Attribute(Rdf + "about")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/projekt.csv", "/projekt.xlsx", "/projekt.json", "/api/v1/projects"], urls);
        foreach (var d in dataset.Descendants(Dcat + "Distribution"))
            Assert.NotNull(d.Element(Dcat + "accessURL"));
    }
}
