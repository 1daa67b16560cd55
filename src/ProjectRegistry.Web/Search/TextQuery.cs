// TEMPORARY STUB (lead): replaced by the 'analysis' branch.
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ProjectRegistry.Web.Search;

public static class TextFields
{
    public static void AddTo(Document doc, string title, string body)
    {
        doc.Add(new TextField("title", title, Field.Store.YES));
        doc.Add(new TextField("body", body, Field.Store.YES));
    }

    public static Analyzer IndexAnalyzer { get; } = new StandardAnalyzer(LuceneVersion.LUCENE_48);
    public static Lucene.Net.Search.Similarities.Similarity Similarity { get; } = new Lucene.Net.Search.Similarities.BM25Similarity();
}

public sealed class TextQuery
{
    public static TextQuery? Parse(string? userText)
    {
        var words = Infrastructure.SearchText.Terms(userText).Where(w => w.All(char.IsLetterOrDigit)).ToList();
        if (words.Count == 0) return null;
        var q = new BooleanQuery();
        foreach (var w in words)
        {
            var either = new BooleanQuery { { new PrefixQuery(new Term("title", w)), Occur.SHOULD }, { new PrefixQuery(new Term("body", w)), Occur.SHOULD } };
            q.Add(either, Occur.MUST);
        }
        return new TextQuery { Query = q, Text = userText!.Trim() };
    }

    public Query Query { get; private init; } = null!;
    public string Text { get; private init; } = "";
    public string? Snippet(Document stored, int maxChars = 200) => null;
    public TextQuery? Corrected(IndexReader reader) => null;
}
