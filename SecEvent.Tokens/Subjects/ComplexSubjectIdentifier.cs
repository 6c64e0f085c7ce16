using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A complex subject: named simple identifiers that together describe one subject principal, such as
/// <c>{"format": "complex", "user": {"format": "email", ...}, "tenant": {"format": "iss_sub", ...}}</c>.
/// </summary>
/// <remarks>
/// <para>
/// OpenID Shared Signals Framework 1.0 §3.3: the members other than <c>format</c> are named subject identifiers. The
/// names <c>user</c>, <c>device</c>, <c>session</c>, <c>application</c>, <c>tenant</c>, <c>org_unit</c> and <c>group</c>
/// are defined (see <see cref="ComplexSubjectMemberNames"/>) and other names are allowed; each name appears at most once.
/// All members describe the same principal (SSF 1.0 §3.3.1).
/// </para>
/// <para>
/// At least one member is required, and each must be a JSON object holding a subject identifier that is not itself
/// complex; an <c>aliases</c> member is allowed. Members keep the order in which they were read or given. Equality does
/// not depend on that order; <see cref="SubjectIdentifier.Matches"/> applies the SSF 1.0 §8.1.3.1 matching rule.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record ComplexSubjectIdentifier : SubjectIdentifier
{
    // Never changed after construction, so one empty instance can stand in until the initializer runs.
    private static readonly OrderedDictionary<string, SubjectIdentifier> NoMembers = new(StringComparer.Ordinal);

    private readonly OrderedDictionary<string, SubjectIdentifier> map = NoMembers;
    private readonly ReadOnlyDictionary<string, SubjectIdentifier> view = ReadOnlyDictionary<string, SubjectIdentifier>.Empty;

    /// <summary>Creates a complex subject; set <see cref="Members"/> in the object initializer.</summary>
    public ComplexSubjectIdentifier()
    {
    }

    // The reader has checked every member and owns the dictionary, so it is neither copied nor checked again.
#pragma warning disable CS8618 // The fields behind the required property are set here; the compiler cannot see through its accessors.
    [SetsRequiredMembers]
    private ComplexSubjectIdentifier(OrderedDictionary<string, SubjectIdentifier> checkedMembers)
    {
        map = checkedMembers;
        view = new ReadOnlyDictionary<string, SubjectIdentifier>(checkedMembers);
    }
#pragma warning restore CS8618

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Complex"/>.</value>
    public override string Format => SubjectIdentifierFormats.Complex;

    /// <summary>Gets the members by name, in the order they were read or given.</summary>
    /// <remarks>
    /// SSF 1.0 §3.3. The dictionary given is copied, so later changes to it do not affect the subject. Names are compared
    /// ordinally.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The dictionary is empty, has an empty name or the name <c>format</c>, or holds a null or complex identifier.
    /// </exception>
    public required IReadOnlyDictionary<string, SubjectIdentifier> Members
    {
        get => view;
        init
        {
            map = Copy(value);
            view = new ReadOnlyDictionary<string, SubjectIdentifier>(map);
        }
    }

    /// <summary>Gets the <c>user</c> member, or <see langword="null"/> when there is none.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public SubjectIdentifier? User => Member(ComplexSubjectMemberNames.User);

    /// <summary>Gets the <c>device</c> member, or <see langword="null"/> when there is none.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public SubjectIdentifier? Device => Member(ComplexSubjectMemberNames.Device);

    /// <summary>Gets the <c>session</c> member, or <see langword="null"/> when there is none.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public SubjectIdentifier? Session => Member(ComplexSubjectMemberNames.Session);

    /// <summary>Gets the <c>application</c> member, or <see langword="null"/> when there is none.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public SubjectIdentifier? Application => Member(ComplexSubjectMemberNames.Application);

    /// <summary>Gets the <c>tenant</c> member, or <see langword="null"/> when there is none.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public SubjectIdentifier? Tenant => Member(ComplexSubjectMemberNames.Tenant);

    /// <summary>Gets the <c>org_unit</c> member, or <see langword="null"/> when there is none.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public SubjectIdentifier? OrgUnit => Member(ComplexSubjectMemberNames.OrgUnit);

    /// <summary>Gets the <c>group</c> member, or <see langword="null"/> when there is none.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public SubjectIdentifier? Group => Member(ComplexSubjectMemberNames.Group);

    /// <summary>Whether both subjects have the same member names with equal values, in any order.</summary>
    /// <param name="other">The other subject.</param>
    /// <returns><see langword="true"/> when the members are equal.</returns>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public bool Equals(ComplexSubjectIdentifier? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.map.Count != map.Count)
        {
            return false;
        }

        foreach (var (name, value) in map)
        {
            if (!other.map.TryGetValue(name, out var theirs) || !value.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns a hash code consistent with <see cref="Equals(ComplexSubjectIdentifier)"/>.</summary>
    /// <returns>The hash code, which does not depend on member order.</returns>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (name, value) in map)
        {
            // Summing keeps the hash independent of member order, as equality is.
            hash = unchecked(hash + HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), value));
        }

        return hash;
    }

    /// <summary>SSF 1.0 §8.1.3.1: every member name present on both sides has equal values.</summary>
    internal bool AgreesWith(ComplexSubjectIdentifier other)
    {
        foreach (var (name, value) in map)
        {
            if (other.map.TryGetValue(name, out var theirs) && !value.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        const string format = SubjectIdentifierFormats.Complex;
        subject = null;
        OrderedDictionary<string, SubjectIdentifier>? members = null;
        var formatSeen = false;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(SubjectMemberNames.Format))
            {
                if (!SubjectIdentifierReader.TrySkipFormat(ref formatSeen, format, out error))
                {
                    return false;
                }

                continue;
            }

            var name = property.Name;
            members ??= new OrderedDictionary<string, SubjectIdentifier>(StringComparer.Ordinal);
            if (name.Length == 0)
            {
                error = SubjectIdentifierErrors.EmptyComplexMemberName;
                return false;
            }

            if (members.ContainsKey(name))
            {
                error = SubjectIdentifierErrors.DuplicateMember(format, name);
                return false;
            }

            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                error = SubjectIdentifierErrors.NotObject(format, name);
                return false;
            }

            if (!SubjectIdentifierReader.TryRead(property.Value, SubjectNesting.ComplexMember, out var member, out var inner))
            {
                error = SubjectIdentifierErrors.InvalidComplexMember(name, inner);
                return false;
            }

            members.Add(name, member);
        }

        if (members is null)
        {
            error = SubjectIdentifierErrors.EmptyComplex;
            return false;
        }

        subject = new ComplexSubjectIdentifier(members);
        error = null;
        return true;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        foreach (var (name, value) in map)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    private static OrderedDictionary<string, SubjectIdentifier> Copy(IReadOnlyDictionary<string, SubjectIdentifier> members)
    {
        const string format = SubjectIdentifierFormats.Complex;
        ArgumentNullException.ThrowIfNull(members, nameof(Members));
        if (members.Count == 0)
        {
            throw SubjectIdentifierGuard.Invalid(format, nameof(Members), "a dictionary of one or more members (SSF 1.0 §3.3)");
        }

        var copy = new OrderedDictionary<string, SubjectIdentifier>(members.Count, StringComparer.Ordinal);
        foreach (var (name, value) in members)
        {
            if (!SubjectIdentifierSyntax.IsWellFormedText(name) || name == SubjectMemberNames.Format)
            {
                throw SubjectIdentifierGuard.Invalid(format, nameof(Members), "keyed by non-empty names other than 'format'");
            }

            copy.Add(name, value switch
            {
                null => throw SubjectIdentifierGuard.Invalid(format, nameof(Members), "a dictionary without null values"),
                ComplexSubjectIdentifier => throw SubjectIdentifierGuard.Invalid(
                    format, nameof(Members), "a dictionary without nested 'complex' identifiers (SSF 1.0 §3.3)"),
                _ => value,
            });
        }

        return copy;
    }

    private SubjectIdentifier? Member(string name) => map.TryGetValue(name, out var member) ? member : null;
}
