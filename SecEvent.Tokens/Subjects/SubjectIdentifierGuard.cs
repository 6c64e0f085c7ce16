using System.Diagnostics.CodeAnalysis;

namespace SecEvent.Tokens.Subjects;

/// <summary>Argument checks for the <c>init</c> accessors, so that every identifier built in code can be written and read back.</summary>
internal static class SubjectIdentifierGuard
{
    public const string NonEmptyString = "a non-empty string";

    /// <summary>Returns <paramref name="value"/> when it is non-empty, well-formed text and <paramref name="valid"/> holds.</summary>
    public static string Require([NotNull] string? value, bool valid, string format, string property, string expected)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        if (!valid || !SubjectIdentifierSyntax.IsWellFormedText(value))
        {
            throw new ArgumentException(Message(format, property, expected), property);
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is non-empty, well-formed text.</summary>
    public static string RequireText([NotNull] string? value, string format, string property) =>
        Require(value, valid: true, format, property, NonEmptyString);

    public static ArgumentException Invalid(string format, string property, string expected) =>
        new(Message(format, property, expected), property);

    private static string Message(string format, string property, string expected) =>
        $"The '{format}' subject identifier property '{property}' must be {expected}.";
}
