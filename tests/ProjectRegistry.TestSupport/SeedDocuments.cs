using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>One node of a seed file: a scalar, a list or a mapping (only the YAML the seed files use).</summary>
public sealed class YamlNode
{
    public string? Text { get; init; }
    public IReadOnlyList<YamlNode> Items { get; init; } = [];
    public IReadOnlyDictionary<string, YamlNode> Fields { get; init; } = new Dictionary<string, YamlNode>();

    public YamlNode? this[string key] => Fields.GetValueOrDefault(key);

    /// <summary>A scalar field, or null when the file leaves it out.</summary>
    public string? Get(string key) => this[key]?.Text;

    public IReadOnlyList<YamlNode> List(string key) => this[key]?.Items ?? [];

    public IReadOnlyList<string> Strings(string key) => List(key).Select(i => i.Text!).ToList();
}

/// <summary>
/// Everything the seed files say, read with a small indentation-based YAML reader of its own, so that the
/// tests' expectations do not come from the app's importer (YamlDotNet) and would catch its mistakes.
/// </summary>
public static partial class SeedDocuments
{
    public sealed record ProjectFile(string Slug, string Publisher, YamlNode Yaml);

    public sealed record MunicipalityRow(string Code, string Name, string County);

    private static readonly Lazy<IReadOnlyList<ProjectFile>> LazyProjects = new(() =>
        Directory.GetDirectories(Path.Combine(SeedFiles.Root, "projekt"))
            .SelectMany(dir => Directory.GetFiles(dir, "*.yaml").Select(file => new ProjectFile(
                Path.GetFileNameWithoutExtension(file), Path.GetFileName(dir), ReadYaml(file))))
            .OrderBy(p => p.Slug, StringComparer.Ordinal)
            .ToList());

    private static readonly Lazy<IReadOnlyList<YamlNode>> LazyOrganisations = new(() =>
        ReadYaml(Path.Combine(SeedFiles.Root, "organisations.yaml")).Items);

    private static readonly Lazy<IReadOnlyList<MunicipalityRow>> LazyMunicipalities = new(() =>
        File.ReadLines(Path.Combine(SeedFiles.Root, "reference", "kommuner.csv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(cells => new MunicipalityRow(cells[0], cells[1], cells[3]))
            .ToList());

    public static IReadOnlyList<ProjectFile> Projects => LazyProjects.Value;

    public static IReadOnlyList<YamlNode> Organisations => LazyOrganisations.Value;

    public static IReadOnlyList<MunicipalityRow> Municipalities => LazyMunicipalities.Value;

    public static ProjectFile Project(string slug) => Projects.Single(p => p.Slug == slug);

    public static YamlNode Organisation(string slug) =>
        Organisations.SingleOrDefault(o => o.Get("slug") == slug) ?? throw new KeyNotFoundException($"organisations.yaml saknar {slug}.");

    public static string OrganisationName(string slug) => Organisation(slug).Get("namn")!;

    public static string MunicipalityName(string code) => Municipalities.Single(m => m.Code == code).Name;

    public static YamlNode Publisher(string slug) => ReadYaml(Path.Combine(SeedFiles.Root, "publicerare", slug + ".yaml"));

    public static YamlNode ReadYaml(string path) => new YamlReader(File.ReadAllText(path)).Read();

    /// <summary>A place as the seed files write it: "Vuollerim" or "Vuollerim; 66.43; 20.61" (decimal point).</summary>
    public sealed record SeedPlace(string Name, double? Latitude, double? Longitude)
    {
        public bool HasCoordinates => Latitude is not null && Longitude is not null;
    }

    public static IReadOnlyList<SeedPlace> Places(ProjectFile project) =>
        project.Yaml.Strings("platser").Select(text => text.Split(';').Select(p => p.Trim()).ToArray())
            .Select(parts => parts.Length == 3
                ? new SeedPlace(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture))
                : new SeedPlace(parts[0], null, null))
            .ToList();

    /// <summary>
    /// Whether the list's text search should find a project, as a reader expects: every word of the query, in
    /// any case and with or without å, ä, ö, é, occurs in its title, short name, purpose, goal, description,
    /// owner's name, sub-goals or target groups (the fields the search page says it searches).
    /// </summary>
    public static bool MatchesSearch(ProjectFile project, string query)
    {
        var y = project.Yaml;
        var owner = y.Get("projektagare") is { } slug ? OrganisationName(slug) : null;
        var text = Fold(string.Join('\n', new[] { y.Get("titel"), y.Get("kortnamn"), y.Get("syfte"), y.Get("mal"), y.Get("beskrivning"), owner }
            .Concat(y.Strings("delmal")).Concat(y.Strings("malgrupper")).Where(s => s is not null)));
        var queryWords = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Punctuation alone ("%") has no word to look up: it is looked for as it is.
        if (queryWords.All(w => Tokens(w).Count == 0)) return queryWords.All(w => text.Contains(w, StringComparison.Ordinal));
        var words = Tokens(text);
        // Each word of the query, split at punctuation as a search index splits it, must begin a run of
        // consecutive words of the text: "kart" finds "kartingbana", "2016-1234" finds "2016-1234".
        return queryWords.Select(Tokens).Where(t => t.Count > 0)
            .All(tokens => Enumerable.Range(0, Math.Max(0, words.Count - tokens.Count + 1)).Any(i =>
                tokens.Select((t, j) => j == tokens.Count - 1 ? words[i + j].StartsWith(t, StringComparison.Ordinal) : words[i + j] == t).All(ok => ok)));
    }

    private static List<string> Tokens(string text) =>
        [.. System.Text.RegularExpressions.Regex.Split(text, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0)];

    /// <summary>Lower case without diacritics, whitespace runs as one space: "Gällivare" and "GALLIVARE" read alike.</summary>
    private static string Fold(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else sb.Append(c);
        }
        return sb.ToString().Trim();
    }

    /// <summary>
    /// Block-style YAML as the seed files are written: mappings, "- " lists (of scalars or of mappings),
    /// [flow, lists], quoted and plain scalars, | and &gt; block scalars, whole-line # comments.
    /// </summary>
    private sealed partial class YamlReader(string text)
    {
        private readonly List<string> _lines = [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')];
        private int _at;

        public YamlNode Read() => NextIndent() is { } indent ? Node(indent) : new YamlNode();

        private YamlNode Node(int indent) => IsListItem(_lines[_at]) ? Sequence(indent) : Mapping(indent);

        private YamlNode Mapping(int indent)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            while (NextIndent() == indent && !IsListItem(_lines[_at]))
            {
                var match = KeyValue().Match(_lines[_at].Trim());
                if (!match.Success) throw new FormatException($"Rad {_at + 1}: väntade 'nyckel: värde', fick '{_lines[_at]}'.");
                _at++;
                fields[match.Groups[1].Value] = Value(match.Groups[2].Value.Trim(), indent);
            }
            return new YamlNode { Fields = fields };
        }

        private YamlNode Sequence(int indent)
        {
            var items = new List<YamlNode>();
            while (NextIndent() == indent && IsListItem(_lines[_at]))
            {
                var content = _lines[_at].Trim()[1..];
                var itemIndent = indent + 1 + (content.Length - content.TrimStart().Length);
                content = content.Trim();
                if (content.Length == 0)
                {
                    _at++;
                    items.Add(NextIndent() is { } child && child > indent ? Node(child) : new YamlNode());
                }
                else if (KeyValue().IsMatch(content))
                {
                    // "- key: value" starts a mapping whose keys line up with this first one.
                    _lines[_at] = new string(' ', itemIndent) + content;
                    items.Add(Mapping(itemIndent));
                }
                else
                {
                    _at++;
                    items.Add(new YamlNode { Text = Unquote(content) });
                }
            }
            return new YamlNode { Items = items };
        }

        private YamlNode Value(string rest, int indent)
        {
            if (rest.StartsWith('|') || rest.StartsWith('>')) return new YamlNode { Text = BlockScalar(indent, folded: rest.StartsWith('>')) };
            if (rest.StartsWith('[')) return new YamlNode { Items = FlowItems(rest).Select(t => new YamlNode { Text = t }).ToList() };
            if (rest.Length > 0) return new YamlNode { Text = Unquote(rest) };
            // "key:" with the value on the following, deeper lines (or a list at the same indent, as YAML allows).
            if (NextIndent() is { } next && (next > indent || (next == indent && IsListItem(_lines[_at])))) return Node(next);
            return new YamlNode();
        }

        private string BlockScalar(int indent, bool folded)
        {
            var lines = new List<string>();
            int? blockIndent = null;
            while (_at < _lines.Count)
            {
                var line = _lines[_at];
                if (line.Trim().Length == 0) { lines.Add(""); _at++; continue; }
                var lineIndent = Indent(line);
                if (lineIndent <= indent) break;
                blockIndent ??= lineIndent;
                lines.Add(line[Math.Min(blockIndent.Value, lineIndent)..]);
                _at++;
            }
            while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            if (!folded) return string.Join('\n', lines);
            var sb = new StringBuilder();
            foreach (var line in lines)
            {
                if (line.Length == 0) sb.Append('\n');
                else sb.Append(sb.Length == 0 || sb[^1] == '\n' ? "" : " ").Append(line);
            }
            return sb.ToString();
        }

        /// <summary>The indent of the next line that carries content, skipping blank lines and comments.</summary>
        private int? NextIndent()
        {
            while (_at < _lines.Count && (_lines[_at].Trim().Length == 0 || _lines[_at].TrimStart().StartsWith('#'))) _at++;
            return _at < _lines.Count ? Indent(_lines[_at]) : null;
        }

        private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

        private static bool IsListItem(string line) => line.TrimStart() is "-" || line.TrimStart().StartsWith("- ", StringComparison.Ordinal);

        private static IEnumerable<string> FlowItems(string flow)
        {
            var inner = flow.Trim().TrimStart('[').TrimEnd(']');
            var current = new StringBuilder();
            char? quote = null;
            foreach (var c in inner)
            {
                if (quote is null && c == ',')
                {
                    yield return Unquote(current.ToString());
                    current.Clear();
                    continue;
                }
                if (c is '"' or '\'') quote = quote == c ? null : quote ?? c;
                current.Append(c);
            }
            if (current.ToString().Trim().Length > 0) yield return Unquote(current.ToString());
        }

        private static string Unquote(string value)
        {
            var v = value.Trim();
            if (v.Length >= 2 && v[0] == '"' && v[^1] == '"') return v[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            if (v.Length >= 2 && v[0] == '\'' && v[^1] == '\'') return v[1..^1].Replace("''", "'", StringComparison.Ordinal);
            return v;
        }

        [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*):(?:\s+(.*)|$)")]
        private static partial Regex KeyValue();
    }
}
