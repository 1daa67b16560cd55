namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// Query strings a reader, a crawler or an attacker may send to any page that reads the /projekt filters
/// (/projekt, /statistik): each must be answered 200 with the nonsense ignored and a Swedish note, never an error.
/// </summary>
public static class HostileQueries
{
    /// <summary>A value that makes no sense, and how many of the 25 seeded projects the page then counts.</summary>
    public static TheoryData<string, int> Ignored => new()
    {
        { "status=xyz", 25 },
        { "status=%3Cb%3Eavslutat%3C%2Fb%3E", 25 },
        { "kommun=abc", 25 },
        { "kommun=99999", 25 },
        { "kommun=241", 25 },
        { "kommun=%EF%BC%92%EF%BC%94%EF%BC%91%EF%BC%98", 25 },
        { "kommun=0000", 0 },
        { "sida=-1", 25 },
        { "sida=0", 25 },
        { "sida=abc", 25 },
        { "sida=1.5", 25 },
        { "sida=999999", 25 },
        { "sida=99999999999999999999", 25 },
        { "sida=3", 25 },
        { "sortering=x", 25 },
        { "sortering=TITEL", 25 },
        { "organisation=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 25 },
        { "organisation=finns-inte", 0 },
        { "finansiar=Mala%20Kommun", 25 },
        { "finansiar=finns-inte", 0 },
        { "malomrade=%C3%85%C3%84%C3%96", 25 },
        { "malomrade=finns-inte", 0 },
    };

    /// <summary>Empty, repeated and unknown parameters.</summary>
    public static TheoryData<string> EmptyOrRepeated => new()
    {
        "status=",
        "q=",
        "q=%20%20%20",
        "sida=1",
        "sortering=uppdaterad",
        "organisation=",
        "status=avslutat&status=avslutat&status=AVSLUTAT",
        "kommun=2418&kommun=2418",
        "sida=1&sida=2",
        "sortering=titel&sortering=x",
        "organisation=mala-kommun&organisation=leader-polaris",
        "q=gallivare&q=exportfokus",
        "kommun=2418,2523",
        "unknown=1&foo[bar]=2&__proto__=x",
    };

    /// <summary>Unicode junk and broken percent-escapes.</summary>
    public static TheoryData<string> Junk => new()
    {
        "q=%00",
        "q=abc%00def",
        "q=%F0%9F%92%A9%E2%80%AE%CC%81%CC%81%CC%81",
        "q=%C3%28",
        "q=%ED%A0%80",
        "q=%FF%FE",
        "q=%EF%BF%BF",
        "q=%EF%BF%BE",
        "q=gallivare%EF%BF%BE",
        "q=%E2%80%8B%E2%80%8B",
        "q=%",
        "q=%%%",
        "q=%zz",
        "status=%00",
        "status=%ED%A0%80",
        "kommun=%00%00%00%00",
        "organisation=%F0%9F%92%A9",
        "sortering=%C3%28",
        "sida=%EF%BC%92",
        "q=%E1%B8%80%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A%CC%8A",
        "q=%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9%20%E4%B8%AD%E6%96%87%20%F0%9D%95%B3",
    };

    /// <summary>
    /// 3,000 characters of search text (5 kB as sent, under the app's 6 kB bound on a query string): the pages
    /// cut it to 200 characters with a note.
    /// </summary>
    public static string LongSearch => string.Concat(Enumerable.Repeat("gällivare ", 300));

    /// <summary>200 kommun and 200 status values, none of them valid except the codes' form (4.6 kB, under the bound).</summary>
    public static string ManyRepeatedValues => string.Join('&', Enumerable.Range(0, 200).Select(i => $"kommun={i:D4}&status=x{i}"));

    /// <summary>Markup and script in parameters, which must come back as text.</summary>
    public const string Markup = "organisation=%3Cscript%3Ealert(1)%3C%2Fscript%3E&q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
}
