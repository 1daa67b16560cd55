using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace ProjectRegistry.Web.Search;
/// <summary>The snippet of a hit: where the query matched the stored body, the matched words marked.</summary>
public sealed partial class TextQuery
{
    /// <summary>
    /// A short HTML snippet of where the query matched the stored body, matched words in &lt;mark&gt;; every
    /// character of the body is HTML-encoded. Null when the body has no match (also when only the title matched).
    /// </summary>
    public string? Snippet(Document stored, int maxChars = 200)
    {
        var body = stored.Get(TextFields.Body);
        if (string.IsNullOrEmpty(body)) return null;
        if (body.Length > MaxSnippetSource) body = body[..MaxSnippetSource];
        maxChars = Math.Max(maxChars, 40);
        var matches = Matches(body, maxChars);
        if (matches.Count == 0) return null;

        // The window with the most different words of the query; among those, the most matches; then the earliest.
        int best = 0, bestWords = 0, bestCount = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var words = new HashSet<int>();
            var count = 0;
            for (var j = i; j < matches.Count && matches[j].End - matches[i].Start <= maxChars; j++)
            {
                words.Add(matches[j].Word);
                count++;
            }
            if (words.Count > bestWords || (words.Count == bestWords && count > bestCount))
                (best, bestWords, bestCount) = (i, words.Count, count);
        }
        var anchor = matches[best];
        var lastEnd = matches.Skip(best).TakeWhile(m => m.End - anchor.Start <= maxChars).Max(m => m.End);

        // Some context before the first match: half of the room the matches leave, at most a third of the snippet.
        var room = maxChars - (lastEnd - anchor.Start);
        var start = Math.Max(0, anchor.Start - Math.Min(room / 2, maxChars / 3));
        var end = Math.Min(body.Length, start + maxChars);
        if (end == body.Length) start = Math.Max(0, Math.Min(start, end - maxChars));
        // Cut at word boundaries, never into a match.
        if (start > 0 && char.IsLetterOrDigit(body[start - 1]))
        {
            while (start < anchor.Start && char.IsLetterOrDigit(body[start])) start++;
        }
        if (end < body.Length && char.IsLetterOrDigit(body[end]))
        {
            while (end > lastEnd && char.IsLetterOrDigit(body[end - 1])) end--;
        }
        while (start < anchor.Start && !char.IsLetterOrDigit(body[start]) && !IsOpening(body[start])) start++;
        while (end > lastEnd && char.IsWhiteSpace(body[end - 1])) end--;

        var html = new StringBuilder(maxChars + 64);
        if (start > 0) html.Append('…');
        var pos = start;
        foreach (var m in matches)
        {
            if (m.Start < pos || m.End > end) continue;
            AppendEncoded(html, body, pos, m.Start);
            html.Append("<mark>");
            AppendEncoded(html, body, m.Start, m.End);
            html.Append("</mark>");
            pos = m.End;
        }
        AppendEncoded(html, body, pos, end);
        if (end < body.Length) html.Append('…');
        return html.ToString();
    }

    /// <summary>
    /// Where in the body the query's words are, in order, one match per token. Reading stops a snippet's length
    /// after every word has been seen: the best window is rarely further on, and tokenising whole descriptions
    /// for 20 hits took half as long as the search itself at 100,000 projects.
    /// </summary>
    /// <remarks>
    /// The body is read by a cheap analyser (words lower-cased and folded, nothing else); only a word that begins
    /// as one of the query's forms does (<see cref="Starts"/>) is read again by the full analyser to see which query
    /// word, if any, it matches. Every form the full analyser makes of a word is the word lower-cased, perhaps
    /// shortened at its end and folded, so a word that matches begins with the folded start of the form it matches.
    /// </remarks>
    private List<Match> Matches(string body, int maxChars)
    {
        var seen = new HashSet<int>();
        var stopAfter = int.MaxValue;
        var matches = new List<Match>();
        var starts = Starts();
        using var stream = SwedishAnalysis.Folding.GetTokenStream(TextFields.Body, body);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && matches.Count < MaxSnippetMatches)
        {
            if (offset.StartOffset > stopAfter) break;
            if (!BeginsAsAny(term, starts)) continue;
            var word = MatchingWord(body.Substring(offset.StartOffset, offset.EndOffset - offset.StartOffset));
            if (word < 0) continue;
            matches.Add(new Match(offset.StartOffset, offset.EndOffset, word));
            if (seen.Add(word) && seen.Count == _words.Count) stopAfter = offset.EndOffset + maxChars;
        }
        stream.End();
        return matches;
    }

    private static bool BeginsAsAny(ICharTermAttribute term, List<string> starts)
    {
        var buffer = term.Buffer;
        var length = term.Length;
        foreach (var start in starts)
        {
            if (start.Length > length) continue;
            var i = 0;
            while (i < start.Length && buffer[i] == start[i]) i++;
            if (i == start.Length) return true;
        }
        return false;
    }

    /// <summary>The first three letters (or fewer, for a shorter form) of every form of every word, folded.</summary>
    private List<string> Starts()
    {
        if (_starts is not null) return _starts;
        var starts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alt in _words.SelectMany(w => w.Parts).SelectMany(p => p))
        {
            using var stream = SwedishAnalysis.Folding.GetTokenStream(TextFields.Body, alt.Term);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            var folded = stream.IncrementToken() ? term.ToString() : alt.Term;
            stream.End();
            starts.Add(folded[..Math.Min(3, folded.Length)]);
        }
        return _starts = [.. starts];
    }

    private List<string>? _starts;

    /// <summary>The query word that one word of a body matches (any of the forms the full analyser makes of it), or -1.</summary>
    private int MatchingWord(string bodyWord)
    {
        // The same words recur in the hits of one page ("projektet" in every one): each is analysed once per query.
        _matched ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (_matched.TryGetValue(bodyWord, out var known)) return known;
        if (_matched.Count < 10_000) return _matched[bodyWord] = Analysed(bodyWord);
        return Analysed(bodyWord);
    }

    private Dictionary<string, int>? _matched;

    private int Analysed(string bodyWord)
    {
        using var stream = SwedishAnalysis.Analyzer.GetTokenStream(TextFields.Body, bodyWord);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var found = -1;
        while (found < 0 && stream.IncrementToken()) found = MatchingForm(term.ToString());
        stream.End();
        return found;
    }

    private int MatchingForm(string token)
    {
        for (var w = 0; w < _words.Count; w++)
        {
            var word = _words[w];
            foreach (var part in word.Parts)
            {
                foreach (var alt in part)
                {
                    if (token == alt.Term) return w;
                }
            }
            if (word.Prefix && word.Parts[^1].Any(a => a.Unstemmed && token.StartsWith(a.Term, StringComparison.Ordinal))) return w;
        }
        return -1;
    }

    private static void AppendEncoded(StringBuilder sb, string text, int from, int to)
    {
        var lastWasSpace = sb.Length > 0 && sb[^1] == ' ';
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                // The body's fields are joined with newlines: in a snippet they read as one line.
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }

    private readonly record struct Match(int Start, int End, int Word);
}
