using System.Collections.ObjectModel;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// An array owned by an identifier, exposed read-only and compared item by item, so that a record holding one gets
/// value equality from its compiler-generated <c>Equals</c> and <c>GetHashCode</c>.
/// </summary>
internal readonly struct ValueList<T> : IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>Wraps an array the caller hands over and no longer changes.</summary>
    public ValueList(T[] items)
    {
        _items = items;
        View = Array.AsReadOnly(items);
    }

    /// <summary>The items, read-only.</summary>
    public ReadOnlyCollection<T> View { get; }

    /// <summary>The items, for iteration without the read-only wrapper.</summary>
    public ReadOnlySpan<T> Span => _items;

    /// <inheritdoc/>
    public bool Equals(ValueList<T> other) => Span.SequenceEqual(other.Span, EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Span)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
