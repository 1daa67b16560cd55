using System.Collections.Concurrent;

namespace ProjectRegistry.Web.Search;

/// <summary>
/// The names the counting meets (organisation slugs, kommunkoder, goal-area slugs), each given a small number
/// once, so that a count is an array index instead of a dictionary lookup. Only ever grows; a name that leaves
/// the registry keeps its number and counts 0.
/// </summary>
public sealed class Names
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Lock _gate = new();

    public int Count { get { lock (_gate) return _names.Count; } }

    public string this[int id] { get { lock (_gate) return _names[id]; } }

    public int Id(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        lock (_gate)
        {
            if (_ids.TryGetValue(name, out id)) return id;
            id = _names.Count;
            _names.Add(name);
            _ids[name] = id;
            return id;
        }
    }

    public int? Find(string name) => _ids.TryGetValue(name, out var id) ? id : null;
}

/// <summary>The numbering of every kind of name the index counts; one per index, for the life of the process.</summary>
public sealed class IndexNames
{
    public Names Organisations { get; } = new();
    public Names Municipalities { get; } = new();
    public Names GoalAreas { get; } = new();
}
