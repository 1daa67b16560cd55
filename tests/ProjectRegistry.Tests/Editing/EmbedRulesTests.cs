using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Tests.Editing;

/// <summary>The rules of a publisher's embed settings (FieldRules.EmbedOrigins and Colour), as the form and the start use them.</summary>
public class EmbedRulesTests
{
    [Fact]
    public void Origins_are_read_one_per_line_and_written_as_a_CSP_source()
    {
        var problems = FieldRules.EmbedOrigins(
            "https://www.LeaderPolaris.se/\r\n\n  https://test.mala.se:8443 \nhttps://www.mala.se:443\nhttp://localhost:5000\nhttp://127.0.0.1:8080\nhttps://www.mala.se\nhttps://räksmörgås.se", out var origins);

        Assert.Empty(problems);
        Assert.Equal(
            ["https://www.leaderpolaris.se", "https://test.mala.se:8443", "https://www.mala.se", "http://localhost:5000", "http://127.0.0.1:8080", "https://xn--rksmrgs-5wao1o.se"],
            origins);
    }

    [Fact]
    public void Each_bad_line_gets_its_own_Swedish_message_with_its_line_number()
    {
        var problems = FieldRules.EmbedOrigins(string.Join('\n',
            "https://www.mala.se",
            "www.mala.se",
            "http://www.mala.se",
            "https://www.mala.se/projekt",
            "https://www.mala.se?lista=1",
            "ftp://www.mala.se",
            "https://*.mala.se",
            "https://anna:hemligt@www.mala.se"), out var origins);

        Assert.Equal(["https://www.mala.se"], origins);
        Assert.Equal(7, problems.Count);
        Assert.Equal("Rad 2: ”www.mala.se” saknar https:// först. Skriv webbplatsens hela ursprung, till exempel https://www.mala.se.", problems[0]);
        Assert.StartsWith("Rad 3: ”http://www.mala.se” börjar med http://. Bara https:// går", problems[1], StringComparison.Ordinal);
        Assert.EndsWith("skriv https://www.mala.se.", problems[1], StringComparison.Ordinal);
        Assert.Equal("Rad 4: ”https://www.mala.se/projekt” har en sökväg eller frågedel efter webbplatsens namn. Skriv bara ursprunget, utan det som kommer efter namnet: https://www.mala.se.", problems[2]);
        Assert.StartsWith("Rad 5: ”https://www.mala.se?lista=1” har en sökväg eller frågedel", problems[3], StringComparison.Ordinal);
        Assert.StartsWith("Rad 6: ”ftp://www.mala.se” måste börja med https://", problems[4], StringComparison.Ordinal);
        Assert.StartsWith("Rad 7: ”https://*.mala.se” är ingen webbplatsadress.", problems[5], StringComparison.Ordinal);
        Assert.StartsWith("Rad 8: ”https://anna:hemligt@www.mala.se” är ingen webbplatsadress.", problems[6], StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_twenty_origins()
    {
        var problems = FieldRules.EmbedOrigins(string.Join('\n', Enumerable.Range(1, 21).Select(i => $"https://sida{i}.se")), out _);
        Assert.Equal(["Högst 20 webbplatser kan anges (nu 21)."], problems);
    }

    [Theory]
    [InlineData("#00607A", "#00607a")]
    [InlineData("5a2d82", "#5a2d82")]
    [InlineData(" #000000 ", "#000000")]
    [InlineData("", null)]
    public void A_colour_is_six_hex_digits_dark_enough_for_links_on_white(string text, string? expected)
    {
        Assert.Null(FieldRules.Colour(text, out var colour));
        Assert.Equal(expected, colour);
    }

    [Theory]
    [InlineData("blå", "”#blå” är ingen färg. Skriv den som # och sex hexadecimala tecken, till exempel #00607a.")]
    [InlineData("#fff", "”#fff” är ingen färg. Skriv den som # och sex hexadecimala tecken, till exempel #00607a.")]
    [InlineData("#ffcc00", "Färgen #ffcc00 har kontrasten 1,5:1 mot vit bakgrund. Länkar i den färgen blir svåra att läsa: välj en mörkare färg med minst 4,5:1.")]
    public void A_colour_that_cannot_be_used_is_refused_with_a_Swedish_message(string text, string message)
    {
        Assert.Equal(message, FieldRules.Colour(text, out var colour));
        Assert.Null(colour);
    }
}
