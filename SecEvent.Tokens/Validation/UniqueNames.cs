namespace SecEvent.Tokens.Validation;

/// <summary>
/// Member names seen so far in one JSON object. A header has a handful, compared in a list; a hostile one with
/// thousands moves to a hash set, so duplicate detection never turns quadratic.
/// </summary>
internal struct UniqueNames
{
    private const int ListLimit = 16;
    private List<string>? _list;
    private HashSet<string>? _set;

    /// <summary>Adds a name; <see langword="false"/> when it was seen before.</summary>
    public bool Add(string name)
    {
        if (_set is not null)
        {
            return _set.Add(name);
        }

        _list ??= new List<string>(4);
        foreach (var seen in _list)
        {
            if (string.Equals(seen, name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        _list.Add(name);
        if (_list.Count > ListLimit)
        {
            _set = new HashSet<string>(_list, StringComparer.Ordinal);
        }

        return true;
    }
}
