using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace ProjectRegistry.Web.Search;

/// <summary>
/// The user's words as a Lucene query, built term by term so that no character of the input is ever syntax:
/// every word must match, in the title or the body; the last word is also the start of a word ("kart" finds
/// "kartingbana"); "words in quotes" are a phrase; a word with punctuation inside ("fiske-camp") is a phrase of
/// its parts. Title hits weigh more than body hits, an exact spelling ("Göteborg") more than a folded one.
/// </summary>
public sealed partial class TextQuery
{
    private const int MaxWords = 10;
    // A word or phrase longer than this is searched on its first parts: 10,000 characters in quotes must not
    // become a 10,000-term phrase.
    private const int MaxPartsPerWord = 12;
    private const float TitleBoost = 3f;
    private const float ExactBoost = 2f;
    // A stem of three letters is searched only as the word itself: "mala" stems to "mal", which is also the
    // folded stem of "mål" and "målet", so it found every project with a "Målet är …" (22 of 25 in the seed
    // data instead of the 4 about Malå). The index keeps such stems: typed as they are ("mal"), they match.
    private const int MinStemLength = 4;
    // Snippets read at most this much of a body: enough for any description, bounded for a hostile one.
    private const int MaxSnippetSource = 100_000;
    private const int MaxSnippetMatches = 200;

    private readonly IReadOnlyList<Word> _words;

    private TextQuery(IReadOnlyList<Word> words)
    {
        _words = words;
        Text = string.Join(' ', words.Select(w => w.Quoted ? $"\"{w.Raw}\"" : w.Raw));
        Query = Build(words);
    }

    public Query Query { get; }

    /// <summary>The words as searched: trimmed, at most ten, without characters that can match nothing.</summary>
    public string Text { get; }

    /// <summary>The user's words as a query; null when nothing in them is a letter or a digit.</summary>
    public static TextQuery? Parse(string? userText)
    {
        if (string.IsNullOrWhiteSpace(userText)) return null;
        var words = new List<Word>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (raw, quoted) in Split(Clean(userText)))
        {
            if (words.Count == MaxWords) break;
            var parts = Analyse(raw);
            if (parts.Count == 0 || !seen.Add((quoted ? "\"" : "") + raw)) continue;
            words.Add(new Word(raw, quoted, parts));
        }
        if (words.Count == 0) return null;
        // Only the last word is a prefix: it is the one the user may still be typing.
        var last = words[^1];
        words[^1] = last with { Prefix = !last.Quoted };
        return new TextQuery(words);
    }

    /// <summary>
    /// For a query without hits: each word without a hit of its own replaced by the most frequent indexed word
    /// one edit away (a transposition is one edit). Null when no word changes. Words in quotes, words with
    /// punctuation inside and words shorter than three letters are kept: one edit makes almost anything of them.
    /// </summary>
    public TextQuery? Corrected(IndexReader reader)
    {
        var changed = false;
        var texts = new List<string>(_words.Count);
        foreach (var word in _words)
        {
            var folded = word.Parts[0][0].Term;
            if (word.Quoted || word.Parts.Count > 1 || folded.Length < 3 || HasHit(reader, word))
            {
                texts.Add(word.Quoted ? $"\"{word.Raw}\"" : word.Raw);
                continue;
            }
            var best = MostFrequentWithinOneEdit(reader, folded);
            if (best is null)
            {
                texts.Add(word.Raw);
                continue;
            }
            texts.Add(best);
            changed = true;
        }
        return changed ? Parse(string.Join(' ', texts)) : null;
    }

    private static bool HasHit(IndexReader reader, Word word)
    {
        foreach (var field in new[] { TextFields.Title, TextFields.Body })
        {
            if (word.Parts[0].Any(a => reader.DocFreq(new Term(field, a.Term)) > 0)) return true;
            if (word.Prefix && MultiFields.GetTerms(reader, field) is { } terms)
            {
                var te = terms.GetEnumerator();
                var prefix = new BytesRef(word.Parts[0][0].Term);
                if (te.SeekCeil(prefix) != TermsEnum.SeekStatus.END && StringHelper.StartsWith(te.Term, prefix)) return true;
            }
        }
        return false;
    }

    private static string? MostFrequentWithinOneEdit(IndexReader reader, string word)
    {
        var automaton = new CompiledAutomaton(new LevenshteinAutomata(word, withTranspositions: true).ToAutomaton(1));
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in new[] { TextFields.Title, TextFields.Body })
        {
            if (MultiFields.GetTerms(reader, field) is not { } terms) continue;
            var te = automaton.GetTermsEnum(terms);
            while (te.MoveNext())
            {
                var term = te.Term.Utf8ToString();
                if (term == word) continue;
                frequency[term] = frequency.GetValueOrDefault(term) + te.DocFreq;
            }
        }
        // Most documents first; between equals the longer (an inflected form over a bare stem), then the first in order.
        return frequency.Count == 0 ? null : frequency
            .OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .First().Key;
    }

    private static BooleanQuery Build(IReadOnlyList<Word> words)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var word in words)
        {
            var either = new BooleanQuery(disableCoord: true);
            foreach (var (field, boost) in new[] { (TextFields.Title, TitleBoost), (TextFields.Body, 1f) })
            {
                var q = word.Parts.Count == 1 && !word.Quoted ? WordQuery(field, word) : PhraseQuery(field, word);
                q.Boost *= boost;
                either.Add(q, Occur.SHOULD);
            }
            query.Add(either, Occur.MUST);
        }
        return query;
    }

    /// <summary>One word: any of its forms, and when it is the last word, any word it begins.</summary>
    private static BooleanQuery WordQuery(string field, Word word)
    {
        var q = new BooleanQuery(disableCoord: true);
        foreach (var alt in word.Parts[0])
        {
            q.Add(new TermQuery(new Term(field, alt.Term)) { Boost = alt.Exact ? ExactBoost : 1f }, Occur.SHOULD);
            if (word.Prefix && alt.Unstemmed)
                q.Add(new PrefixQuery(new Term(field, alt.Term)) { Boost = alt.Exact ? ExactBoost : 1f }, Occur.SHOULD);
        }
        return q;
    }

    /// <summary>
    /// A phrase of the parts, any form of each at its place; when it is the last word the last part is also
    /// a prefix ("fiske-ca" finds "fiske-camp"), which only span queries can say.
    /// </summary>
    private static Query PhraseQuery(string field, Word word)
    {
        if (word.Parts.Count == 1)
            return WordQuery(field, word with { Prefix = false });
        if (!word.Prefix)
        {
            var phrase = new MultiPhraseQuery();
            foreach (var part in word.Parts) phrase.Add(part.Select(a => new Term(field, a.Term)).ToArray());
            return phrase;
        }
        var spans = word.Parts.Select((part, i) =>
        {
            var forms = part.Select(a => (SpanQuery)new SpanTermQuery(new Term(field, a.Term)));
            if (i == word.Parts.Count - 1)
                forms = forms.Concat(part.Where(a => a.Unstemmed).Select(a => (SpanQuery)new SpanMultiTermQueryWrapper<PrefixQuery>(new PrefixQuery(new Term(field, a.Term)))));
            var list = forms.ToArray();
            return list.Length == 1 ? list[0] : new SpanOrQuery(list);
        }).ToArray();
        return new SpanNearQuery(spans, 0, true);
    }

    /// <summary>The forms of each part of a word, as the index holds them.</summary>
    private static List<List<Form>> Analyse(string text)
    {
        var parts = new List<List<Form>>();
        using var stream = SwedishAnalysis.Analyzer.GetTokenStream(TextFields.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var keyword = stream.AddAttribute<IKeywordAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement > 0 || parts.Count == 0)
            {
                if (parts.Count == MaxPartsPerWord) break;
                parts.Add([]);
            }
            var t = term.ToString();
            if (!keyword.IsKeyword && t.Length < MinStemLength) continue;
            // The first form of each part is the folded word as written (KeywordRepeatFilter puts it first and the
            // folding filter emits the folded form before the original), which Corrected and prefixes rely on.
            parts[^1].Add(new Form(t, keyword.IsKeyword, t.Any(c => c >= '\u0080')));
        }
        stream.End();
        return parts;
    }

    /// <summary>
    /// Control characters, lone surrogates and noncharacters can match nothing and confuse what reads them
    /// (a NUL from "%00"); they are dropped, as SearchText.Normalize does.
    /// </summary>
    private static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : char.IsLowSurrogate(c) ? i > 0 && char.IsHighSurrogate(text[i - 1])
                : !(char.IsControl(c) && !char.IsWhiteSpace(c)) && c is not ('\uFFFE' or '\uFFFF') && c is not (>= '\uFDD0' and <= '\uFDEF');
            if (valid) sb?.Append(c);
            else sb ??= new StringBuilder(text, 0, i, text.Length);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>Words at whitespace; text between two double quotes is one phrase. A quote without its pair is dropped.</summary>
    private static IEnumerable<(string Raw, bool Quoted)> Split(string text)
    {
        var segments = text.Split('"');
        for (var i = 0; i < segments.Length; i++)
        {
            // Odd segments lie between quotes, except the last one when a quote has no pair.
            var quoted = i % 2 == 1 && i < segments.Length - 1;
            if (quoted)
            {
                var phrase = string.Join(' ', segments[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (phrase.Length > 0) yield return (phrase, true);
                continue;
            }
            foreach (var word in segments[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) yield return (word, false);
        }
    }

    private static bool IsOpening(char c) => c is '(' or '[' or '"' or '”' or '«' or '\'';

    /// <param name="Term">The form as indexed.</param>
    /// <param name="Unstemmed">The word as written (folded or not): the forms a prefix is taken from.</param>
    /// <param name="Exact">The form keeps its accents: it matches only the exact spelling, so it weighs more.</param>
    private sealed record Form(string Term, bool Unstemmed, bool Exact);

    private sealed record Word(string Raw, bool Quoted, List<List<Form>> Parts, bool Prefix = false);
}
