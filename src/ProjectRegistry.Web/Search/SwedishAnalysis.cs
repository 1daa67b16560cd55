using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Documents;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ProjectRegistry.Web.Search;

/// <summary>
/// The searchable text of a project in the index: its title (title and short name) and its body (every other
/// searchable field), both read by one Swedish analyser and stored so that snippets can be cut from them.
/// </summary>
public static class TextFields
{
    internal const string Title = "text.title";
    internal const string Body = "text.body";

    /// <summary>Adds the title and the body, analysed and stored.</summary>
    public static void AddTo(Document doc, string title, string body)
    {
        doc.Add(new TextField(Title, title ?? "", Field.Store.YES));
        doc.Add(new TextField(Body, body ?? "", Field.Store.YES));
    }

    /// <summary>
    /// The analyser for the IndexWriterConfig: the Swedish analyser for the two text fields; every other field
    /// is a StringField, numeric or doc values and is not analysed, so the fallback keeps a value whole.
    /// </summary>
    public static Analyzer IndexAnalyzer { get; } = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
        new Dictionary<string, Analyzer> { [Title] = SwedishAnalysis.Analyzer, [Body] = SwedishAnalysis.Analyzer });

    /// <summary>
    /// BM25 for both the IndexWriterConfig and the IndexSearcher: Lucene 4.8's default (TF-IDF) lets a word
    /// repeated in a long description outweigh the same word in a short title.
    /// </summary>
    public static Similarity Similarity { get; } = new BM25Similarity();
}

/// <summary>
/// One analyser for titles and texts, at index and at query time alike. Each word is indexed in up to four
/// forms at the same position, so that one field answers every kind of match:
/// "Göteborgs" → "goteborgs", "göteborgs" (as written, unstemmed), "goteborg", "göteborg" (stemmed).
/// The folded forms make "goteborg" find "Göteborg"; the forms with their accents let an exact "Göteborg" rank
/// a document with "Göteborg" above one with "Goteborg"; the stems make "fiske" find "fisket"; the unstemmed
/// forms keep prefixes working ("kartingbana" is a prefix of "kartingbana", not of its stem "kartingban").
/// Folding after stemming, since the stemmer's suffixes are Swedish spelling.
/// </summary>
internal static class SwedishAnalysis
{
    internal static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Thread-safe and reused: Lucene keeps the token stream components per thread.</summary>
    internal static Analyzer Analyzer { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new KeywordRepeatFilter(stream);
        stream = new SwedishLightStemFilter(stream);
        stream = new ASCIIFoldingFilter(stream, preserveOriginal: true);
        // Drops the stem when it is the word itself, and the "original" the folding filter repeats for
        // letters it cannot fold (Cyrillic, Greek).
        stream = new RemoveDuplicatesTokenFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>The same words lower-cased and folded, one form each: the cheap first reading of a text for snippets.</summary>
    internal static Analyzer Folding { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(Version, tokenizer)));
    });
}
