using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ProjectRegistry.Web.Infrastructure.Text;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Tests.Search;

/// <summary>
/// The words a reader types, searched in a small index built with the registry's own fields and analyser:
/// Swedish endings, å/ä/ö typed or not, the start of the last word, phrases, ranking, snippets, the
/// one-edit suggestion, and input that would be syntax to a query parser, taken as text.
/// </summary>
public sealed class TextQueryTests : IDisposable
{
    private static readonly (string Id, string Title, string Body)[] Projects =
    [
        ("fisket", "Fisket i Kalix älv", "Projektet utvecklar fisket och fiskevården längs älven."),
        ("goteborg-exakt", "Hamnen", "Ett samarbete med Göteborg om hamnlogistik."),
        ("goteborg-utan", "Kajen", "Ett samarbete med Goteborg om kajer och båtar."),
        ("gallivare", "Gällivare besöksnäring", "Turism i malmfälten, med nya vandringsleder."),
        ("karting", "Vuollerim karting", "En kartingbana för ungdomar i Jokkmokks kommun."),
        ("jokkmokk-titel", "Folkets Hus Jokkmokk", "Ett nytt kulturhus för hela bygden."),
        ("jokkmokk-text", "Kulturvecka", "En vecka med kultur i Jokkmokk, Jokkmokk och åter Jokkmokk, med gäster från hela Norrbotten."),
        ("camp", "Sommarläger", "Ett fiske-camp för barn, version 2.0 av lägret, med 50 % rabatt."),
        ("html", "Säker text", "Varning: <script>alert('x')</script> & annat som ska kodas."),
        ("turism", "Turism i fjällen", "Mer turism och fler besökare året runt."),
        ("kultur-plats", "Plats för kultur", "En mötesplats för kulturen i byn."),
        ("mala", "Näringsliv i Malå", "Stöd till företagen i kommunen."),
        ("malet", "Vattenvård", "Målet är renare sjöar."),
    ];

    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public TextQueryTests()
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, TextFields.IndexAnalyzer) { Similarity = TextFields.Similarity };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var (id, title, body) in Projects)
            {
                var doc = new Document { new StringField("id", id, Field.Store.YES) };
                TextFields.AddTo(doc, title, body);
                writer.AddDocument(doc);
            }
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = TextFields.Similarity };
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private List<string> Search(string text)
    {
        var query = TextQuery.Parse(text);
        Assert.NotNull(query);
        return Search(query);
    }

    private List<string> Search(TextQuery query) =>
        [.. _searcher.Search(query.Query, 100).ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("id"))];

    private Document StoredDocument(string id)
    {
        var hits = _searcher.Search(new TermQuery(new Term("id", id)), 1).ScoreDocs;
        return _searcher.Doc(hits.Single().Doc);
    }

    [Theory]
    [InlineData("fiske", "fisket")]
    [InlineData("fisket", "fisket")]
    [InlineData("goteborg", "goteborg-exakt")]
    [InlineData("Göteborg", "goteborg-utan")]
    [InlineData("gallivare", "gallivare")]
    [InlineData("Gällivare", "gallivare")]
    [InlineData("GÄLLIVARE", "gallivare")]
    [InlineData("kart", "karting")]
    [InlineData("turis", "turism")]
    [InlineData("besoksnaring", "gallivare")]
    [InlineData("folk hus", "jokkmokk-titel")]
    public void A_word_finds_its_Swedish_forms_with_or_without_accents(string query, string expected)
    {
        Assert.Contains(expected, Search(query));
    }

    [Fact]
    public void An_exact_spelling_ranks_the_exact_spelling_first()
    {
        Assert.Equal(["goteborg-exakt", "goteborg-utan"], Search("Göteborg"));
    }

    [Fact]
    public void A_short_stem_does_not_find_other_words_that_fold_to_it()
    {
        // "mala" stems to "mal", as "målet" does after folding; the reader typing "mala" means Malå.
        Assert.Equal(["mala"], Search("mala"));
        Assert.Equal(["mala"], Search("Malå"));
        Assert.Contains("malet", Search("mal"));
    }

    [Fact]
    public void Every_word_must_match()
    {
        Assert.Equal(["karting"], Search("karting jokkmokk"));
        Assert.Empty(Search("karting fjällen"));
    }

    [Fact]
    public void Only_the_last_word_is_a_prefix()
    {
        Assert.Contains("karting", Search("ungdomar kart"));
        // "kart" is not the last word, so it must be a whole word (or one of its forms).
        Assert.Empty(Search("kart ungdomar"));
    }

    [Fact]
    public void Words_in_quotes_are_a_phrase()
    {
        Assert.Equal(["kultur-plats"], Search("\"plats för kultur\""));
        Assert.Empty(Search("\"kultur för plats\""));
        // Stemmed and folded inside the phrase too.
        Assert.Equal(["fisket"], Search("\"fisket i kalix alv\""));
    }

    [Fact]
    public void A_title_hit_ranks_above_text_hits()
    {
        // The other project says Jokkmokk three times in its text; the title wins anyway.
        Assert.Equal("jokkmokk-titel", Search("jokkmokk")[0]);
    }

    [Theory]
    [InlineData("fiske-camp")]
    [InlineData("fiske-ca")]
    [InlineData("2.0")]
    [InlineData("50 %")]
    [InlineData("version 2.0")]
    public void Punctuation_inside_a_word_keeps_its_parts_together(string query)
    {
        Assert.Equal(["camp"], Search(query));
    }

    [Fact]
    public void The_parts_of_a_word_with_punctuation_must_be_adjacent()
    {
        Assert.Empty(Search("camp-fiske"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("%")]
    [InlineData("\"\"")]
    [InlineData("+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /")]
    [InlineData("\u0000\u0001\ud800")]
    public void Nothing_to_search_is_null(string? query)
    {
        Assert.Null(TextQuery.Parse(query));
    }

    public static TheoryData<string> Hostile =>
    [
        "jokkmokk*", "*jokkmokk", "jokkmokk?", "jokkmokk~", "jokkmokk~2", "jokkmokk^10", "+jokkmokk", "-jokkmokk", "!jokkmokk",
        "(jokkmokk", "jokkmokk)", "{jokkmokk}", "[jokkmokk TO x]", "\"jokkmokk", "jokkmokk\"", "text.body:jokkmokk", "title:jokkmokk",
        "jokkmokk\\", "/jokkmokk/", "jokkmokk && kultur", "jokkmokk || kultur", "jokkmokk AND kultur", "jokkmokk OR kultur",
        "NOT jokkmokk", "NEAR(jokkmokk kultur)", "{Title SearchText}: jokkmokk", "jokkmokk'; DROP TABLE Projects; --",
        "\u0000jokkmokk", "jokkmokk:*", "jokkmokk -kultur",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Query_syntax_in_the_input_is_searched_as_text(string input)
    {
        var query = TextQuery.Parse(input);

        Assert.NotNull(query);
        var found = Search(query);
        // Punctuation is punctuation, whatever it means to Lucene: the input finds what it finds with every
        // such character written as a hyphen. Were operators obeyed, OR would widen, NOT and - would exclude,
        // and "title:" would name a field.
        var plain = System.Text.RegularExpressions.Regex.Replace(input, @"[^\p{L}\p{N}\s]", "-");
        Assert.Equal(Search(plain).Order(), found.Order());
        var words = System.Text.RegularExpressions.Regex.Matches(input, @"[\p{L}\p{N}]+").Select(m => m.Value).ToList();
        if (words.SequenceEqual(["jokkmokk"])) Assert.Equal(Search("jokkmokk").Order(), found.Order());
        // AND, OR, NOT, NEAR and TO are words that no project has: searched for, they find nothing.
        if (words.Any(w => w is "AND" or "OR" or "NOT" or "NEAR" or "TO")) Assert.Empty(found);
        // Otherwise "kultur" (the last word, so also "kulturhus") narrows, never widens nor excludes.
        else if (words.Contains("kultur")) Assert.Equal(["jokkmokk-text", "jokkmokk-titel"], found.Order());
    }

    [Fact]
    public void Lone_surrogates_and_noncharacters_are_dropped()
    {
        Assert.Equal(Search("jokkmokk").Order(), Search("jokk\ud800mokk").Order());
        Assert.Equal(Search("jokkmokk").Order(), Search("jokkmokk\udc00").Order());
        Assert.Equal(Search("jokkmokk").Order(), Search("\ufffejokkmokk\uffff").Order());
    }

    [Fact]
    public void OR_is_a_word_to_find_not_an_alternative()
    {
        Assert.Empty(Search("fisket OR turism"));
        Assert.Empty(Search("fisket || turism"));
    }

    [Fact]
    public void A_very_long_input_is_searched_on_its_first_ten_words()
    {
        var input = string.Concat(Enumerable.Repeat("jokkmokk ", 1200)) + new string('a', 10_000) + "\"" + new string('b', 5000);

        var query = TextQuery.Parse(input);

        Assert.NotNull(query);
        Assert.Equal(new HashSet<string>(Search("jokkmokk")), new HashSet<string>(Search(query)));
        Assert.True(query.Text.Length < 15_000);
        var many = TextQuery.Parse(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"ord{i}")))!;
        Assert.Equal(10, many.Text.Split(' ').Length);
    }

    [Fact]
    public void A_long_quoted_phrase_does_not_throw()
    {
        var query = TextQuery.Parse("\"" + string.Join(' ', Enumerable.Repeat("jokkmokk och", 3000)) + "\"");

        Assert.NotNull(query);
        Assert.Empty(Search(query));
    }

    [Fact]
    public void Text_is_the_words_as_searched()
    {
        Assert.Equal("fiske \"plats för\" kart", TextQuery.Parse("  fiske   \"plats   för\"\tkart\u0000 ")!.Text);
    }

    [Fact]
    public void The_snippet_marks_stemmed_and_folded_matches()
    {
        var snippet = TextQuery.Parse("fiske")!.Snippet(StoredDocument("fisket"));

        Assert.NotNull(snippet);
        Assert.Contains("<mark>fisket</mark>", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>fiskevården</mark>", snippet, StringComparison.Ordinal);

        var folded = TextQuery.Parse("goteborg")!.Snippet(StoredDocument("goteborg-exakt"));
        Assert.Contains("<mark>Göteborg</mark>", folded, StringComparison.Ordinal);
    }

    [Fact]
    public void The_snippet_marks_the_words_the_last_word_begins()
    {
        var snippet = TextQuery.Parse("kartingb")!.Snippet(StoredDocument("karting"));

        Assert.Equal("En <mark>kartingbana</mark> för ungdomar i Jokkmokks kommun.", snippet);
    }

    [Fact]
    public void The_snippet_is_HTML_encoded()
    {
        var snippet = TextQuery.Parse("varning")!.Snippet(StoredDocument("html"));

        Assert.NotNull(snippet);
        Assert.Contains("&lt;script&gt;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", snippet, StringComparison.Ordinal);
        Assert.Contains("&amp;", snippet, StringComparison.Ordinal);
        Assert.StartsWith("<mark>Varning</mark>:", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void No_snippet_when_only_the_title_matched()
    {
        Assert.Null(TextQuery.Parse("hamnen")!.Snippet(StoredDocument("goteborg-exakt")));
    }

    [Fact]
    public void A_long_body_gives_a_short_snippet_cut_at_word_boundaries()
    {
        var body = string.Join(' ', Enumerable.Repeat("Inledande ord om ingenting särskilt.", 30)) + " Här står fisket i mitten. "
            + string.Join(' ', Enumerable.Repeat("Avslutande ord om annat.", 30));
        var doc = new Document();
        TextFields.AddTo(doc, "Titel", body);

        var snippet = TextQuery.Parse("fiske")!.Snippet(doc, 100)!;

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>fisket</mark>", snippet, StringComparison.Ordinal);
        var visible = snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal).Trim('…');
        Assert.InRange(visible.Length, 50, 100);
        // Whole words at both ends.
        Assert.All(visible.Split(' ', StringSplitOptions.RemoveEmptyEntries), w =>
            Assert.Contains(w.Trim('.', ','), body.Split(' ', '.').Append("").ToArray()));
    }

    [Fact]
    public void The_snippet_prefers_the_place_where_most_words_match()
    {
        var body = "Fisket nämns först. " + string.Join(' ', Enumerable.Repeat("Mellan står annat.", 40)) + " Här möts fisket och turism.";
        var doc = new Document();
        TextFields.AddTo(doc, "Titel", body);

        var snippet = TextQuery.Parse("fiske turism")!.Snippet(doc, 120)!;

        Assert.Contains("<mark>fisket</mark> och <mark>turism</mark>", snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("turisn", "turism")]
    [InlineData("tursim", "turism")]
    [InlineData("fjallen turisn", "fjallen turism")]
    [InlineData("goteborj", "goteborg")]
    public void A_misspelt_word_is_corrected_to_the_indexed_word_one_edit_away(string typed, string corrected)
    {
        var query = TextQuery.Parse(typed)!;
        Assert.Empty(Search(query));

        var better = query.Corrected(_reader);

        Assert.NotNull(better);
        Assert.Equal(corrected, better.Text);
        Assert.NotEmpty(Search(better));
    }

    [Fact]
    public void Fiskee_finds_fiske_by_its_stem_and_fiskst_is_corrected_to_fisket()
    {
        // "fiskee" stems to "fiske", which is indexed (in "fiske-camp"): it has hits, so nothing to correct.
        Assert.Contains("camp", Search("fiskee"));
        Assert.Null(TextQuery.Parse("fiskee")!.Corrected(_reader));

        var better = TextQuery.Parse("fiskst")!.Corrected(_reader);

        Assert.NotNull(better);
        Assert.Equal("fisket", better.Text);
        Assert.Contains("fisket", Search(better));
    }

    [Fact]
    public void A_word_with_hits_is_kept_and_nothing_one_edit_away_is_null()
    {
        Assert.Null(TextQuery.Parse("jokkmokk")!.Corrected(_reader));
        Assert.Null(TextQuery.Parse("xyzzyq")!.Corrected(_reader));
        // Both words have hits, only not together: nothing to correct.
        Assert.Null(TextQuery.Parse("karting fjällen")!.Corrected(_reader));
    }
}
