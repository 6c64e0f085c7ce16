using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// Allocation-free syntax checks for the member values of the subject identifier formats. Each check is a linear scan
/// over the text; none uses regular expressions.
/// </summary>
internal static class SubjectIdentifierSyntax
{
    // RFC 3986 §2.3 unreserved, §2.2 sub-delims; '%' is admitted by the sets and its two hex digits checked separately.
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private const string SubDelims = "!$&'()*+,;=";

    private static readonly SearchValues<char> UnreservedOrSubDelims = SearchValues.Create(Unreserved + SubDelims);
    private static readonly SearchValues<char> UserPartChars = SearchValues.Create(Unreserved + SubDelims + "%");
    private static readonly SearchValues<char> IPLiteralChars = SearchValues.Create(Unreserved + SubDelims + ":");
    private static readonly SearchValues<char> UriChars = SearchValues.Create(Unreserved + SubDelims + ":/?#[]@%");
    private static readonly SearchValues<char> PathChars = SearchValues.Create(Unreserved + SubDelims + ":@/%");
    private static readonly SearchValues<char> QueryChars = SearchValues.Create(Unreserved + SubDelims + ":@/?%");
    private static readonly SearchValues<char> SchemeChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-.");

    // W3C DID Core §3.1: method-name is lower-case letters and digits; idchar is ALPHA / DIGIT / "." / "-" / "_" / pct-encoded.
    private static readonly SearchValues<char> DidMethodChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> DidIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_:%");
    private static readonly SearchValues<char> DidUrlDelimiters = SearchValues.Create("/?#");

    private static readonly SearchValues<char> IPv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");

    /// <summary>Whether the text is non-empty UTF-16 without unpaired surrogates, so that JSON can carry it unchanged.</summary>
    public static bool IsWellFormedText(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (++i >= text.Length || !char.IsLowSurrogate(text[i]))
                {
                    return false;
                }
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 7565 §7: <c>acct:</c> userpart <c>@</c> host, both parts non-empty.</summary>
    public static bool IsAccountUri(ReadOnlySpan<char> text)
    {
        // The scheme is case-insensitive (RFC 3986 §3.1).
        const string scheme = "acct:";
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = text[scheme.Length..];
        var at = rest.IndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        // '@' is in neither the userpart nor the host grammar, so the first '@' is the only one.
        var userPart = rest[..at];
        var host = rest[(at + 1)..];
        return UnreservedOrSubDelims.Contains(userPart[0])
            && userPart.IndexOfAnyExcept(UserPartChars) < 0
            && HasValidPercentEncoding(userPart)
            && IsHost(host);
    }

    /// <summary>
    /// A deliberately light addr-spec check: exactly one <c>@</c> with a non-empty local part before it and a non-empty
    /// domain after it, and no white space, control characters or angle brackets anywhere.
    /// </summary>
    public static bool IsEmailAddress(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text[(at + 1)..].Contains('@'))
        {
            return false;
        }

        foreach (var c in text)
        {
            // Angle brackets mark a name-addr ("Name <a@b>"), which is not an addr-spec.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// E.164 as printed: <c>+</c>, then 2 to 15 digits, the first not 0, with single spaces, hyphens or dots allowed
    /// between digits.
    /// </summary>
    public static bool IsPhoneNumber(ReadOnlySpan<char> text)
    {
        if (text.Length < 3 || text[0] != '+' || text[1] is < '1' or > '9')
        {
            return false;
        }

        var digits = 0;
        var afterSeparator = false;
        foreach (var c in text[1..])
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                afterSeparator = false;
            }
            else if (c is ' ' or '-' or '.' && !afterSeparator)
            {
                afterSeparator = true;
            }
            else
            {
                return false;
            }
        }

        return !afterSeparator && digits is >= 2 and <= 15;
    }

    /// <summary>
    /// A DID (<c>did:</c> method-name <c>:</c> method-specific-id) optionally followed by a DID URL path, query and fragment
    /// (W3C DID Core §3.1 and §3.2).
    /// </summary>
    public static bool IsDidUrl(ReadOnlySpan<char> text)
    {
        const string scheme = "did:";
        if (!text.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[scheme.Length..];
        var colon = rest.IndexOf(':');
        if (colon <= 0 || rest[..colon].IndexOfAnyExcept(DidMethodChars) >= 0)
        {
            return false;
        }

        rest = rest[(colon + 1)..];
        var end = rest.IndexOfAny(DidUrlDelimiters);
        var id = end < 0 ? rest : rest[..end];

        // method-specific-id = *( *idchar ":" ) 1*idchar: colons separate segments but cannot end the identifier.
        if (id.IsEmpty || id[^1] == ':' || id.IndexOfAnyExcept(DidIdChars) >= 0 || !HasValidPercentEncoding(id))
        {
            return false;
        }

        return end < 0 || IsPathQueryFragment(rest[end..]);
    }

    /// <summary>
    /// An absolute RFC 3986 URI: a scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), a colon and a non-empty rest made
    /// only of characters a URI may contain (§2), with well-formed percent-encoding.
    /// </summary>
    public static bool IsAbsoluteUri(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        var rest = text[(colon + 1)..];
        return text[..colon].IndexOfAnyExcept(SchemeChars) < 0
            && rest.IndexOfAnyExcept(UriChars) < 0
            && HasValidPercentEncoding(rest);
    }

    /// <summary>
    /// A path relative to a SCIM service provider's base URI, such as <c>/Users/2819c223</c>: a leading <c>/</c> not
    /// followed by another (which would start an authority), then only RFC 3986 path characters with well-formed
    /// percent-encoding. No query or fragment: the value names a resource (RFC 7644 §3.2).
    /// </summary>
    public static bool IsScimResourcePath(ReadOnlySpan<char> text) =>
        text.Length > 1
        && text[0] == '/'
        && text[1] != '/'
        && text.IndexOfAnyExcept(PathChars) < 0
        && HasValidPercentEncoding(text);

    /// <summary>
    /// An IPv4 address in dotted-quad form or an IPv6 address (RFC 4001 InetAddressIPv4 / InetAddressIPv6 text, no zone).
    /// </summary>
    public static bool IsIPAddress(ReadOnlySpan<char> text)
    {
        if (text.Contains(':'))
        {
            // Only hex digits, colons and dots: refuses zones ("%eth0"), brackets and ports before the lenient parser runs.
            return text.IndexOfAnyExcept(IPv6Chars) < 0
                && IPAddress.TryParse(text, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // IPAddress.TryParse alone accepts "1", "10.1" and octal "010.0.0.1"; RFC 4001 wants exactly four decimal octets.
        return IsDottedQuad(text) && IPAddress.TryParse(text, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork;
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        for (var octet = 0; octet < 4; octet++)
        {
            var dot = text.IndexOf('.');
            var part = octet < 3 ? (dot < 0 ? [] : text[..dot]) : text;
            if (part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var value = 0;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            text = octet < 3 ? text[(dot + 1)..] : [];
        }

        return true;
    }

    private static bool IsHost(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return false;
        }

        // RFC 3986 §3.2.2: IP-literal in brackets, or reg-name (which includes IPv4address).
        if (host[0] == '[')
        {
            return host.Length > 2 && host[^1] == ']' && host[1..^1].IndexOfAnyExcept(IPLiteralChars) < 0;
        }

        return host.IndexOfAnyExcept(UserPartChars) < 0 && HasValidPercentEncoding(host);
    }

    private static bool IsPathQueryFragment(ReadOnlySpan<char> tail)
    {
        var hash = tail.IndexOf('#');
        var beforeFragment = hash < 0 ? tail : tail[..hash];
        var fragment = hash < 0 ? [] : tail[(hash + 1)..];
        var question = beforeFragment.IndexOf('?');
        var path = question < 0 ? beforeFragment : beforeFragment[..question];
        var query = question < 0 ? [] : beforeFragment[(question + 1)..];

        return path.IndexOfAnyExcept(PathChars) < 0
            && query.IndexOfAnyExcept(QueryChars) < 0
            && fragment.IndexOfAnyExcept(QueryChars) < 0
            && HasValidPercentEncoding(tail);
    }

    private static bool HasValidPercentEncoding(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%'))
        {
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return false;
            }

            text = text[(i + 3)..];
        }

        return true;
    }
}
