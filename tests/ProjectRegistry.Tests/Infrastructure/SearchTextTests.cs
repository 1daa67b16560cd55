using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Tests.Infrastructure;

public class SearchTextTests
{
    [Theory]
    [InlineData("Gällivare", "gallivare")]
    [InlineData("MALÅ", "mala")]
    [InlineData("Överkalix", "overkalix")]
    [InlineData("Nordenskiöldsloppet", "nordenskioldsloppet")]
    [InlineData("café  \n\t  Sápmi ", "cafe sapmi")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Folding_removes_case_accents_and_extra_whitespace(string? text, string expected)
    {
        Assert.Equal(expected, SearchText.Normalize(text));
    }

    [Fact]
    public void A_query_is_split_into_distinct_folded_words_at_most_ten()
    {
        Assert.Equal(["gold", "of", "lapland"], SearchText.Terms("Gold  of LAPLAND gold"));
        Assert.Equal(10, SearchText.Terms(string.Join(' ', Enumerable.Range(0, 30).Select(i => $"ord{i}"))).Count);
        Assert.Empty(SearchText.Terms("   "));
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("gällivare\uFFFE")]
    [InlineData("\uFFFF")]
    [InlineData("\uD800")]
    [InlineData("\uDC00abc")]
    [InlineData("\0")]
    public void Text_that_is_not_valid_Unicode_is_folded_without_throwing(string text)
    {
        // Reachable from a URL: "?q=%EF%BF%BE" decodes to U+FFFE, which string.Normalize refuses.
        var folded = SearchText.Normalize(text);

        Assert.NotNull(folded);
    }
}
