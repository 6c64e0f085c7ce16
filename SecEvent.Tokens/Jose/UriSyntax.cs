namespace SecEvent.Tokens.Jose;

/// <summary>Cheap RFC 3986 checks for values that must be URIs (event identifiers, RFC 8417 §1.2).</summary>
internal static class UriSyntax
{
    /// <summary>
    /// An absolute URI: a scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )</c>), a colon and a non-empty rest,
    /// with no white space or control characters anywhere (RFC 3986 §3, §3.1).
    /// </summary>
    public static bool IsAbsoluteUri(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || colon == value.Length - 1 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        foreach (var c in value.AsSpan(colon + 1))
        {
            if (c <= ' ' || c == '\u007f' || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
