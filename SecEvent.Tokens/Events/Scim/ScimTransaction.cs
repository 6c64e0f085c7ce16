using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>
/// Builds and reads the <c>txn</c> value of an asynchronous SCIM bulk operation's completion event:
/// <c>&lt;Set-Txn&gt;:&lt;zero-based operation index&gt;</c>, such as <c>2d80e537a3f64622b0347b641ebc8f44:1</c>.
/// </summary>
/// <remarks>
/// draft-ietf-scim-events-16 §2.5.1.2: every operation of an asynchronous bulk request gets its own
/// <see cref="ScimAsyncResponse"/> event (MUST), whose <c>txn</c> is the <c>Set-Txn</c> header value of the 202 response,
/// a colon, and the operation's index in the request's <c>Operations</c> (MUST), even when the service provider ran the
/// operations in another order. The <c>bulkId</c> is never the correlation key.
/// </remarks>
public static class ScimTransaction
{
    /// <summary>Builds the <c>txn</c> of one bulk operation's completion event.</summary>
    /// <param name="setTxn">The <c>Set-Txn</c> header value returned with the 202 response; not empty.</param>
    /// <param name="operationIndex">The zero-based position of the operation in the original request.</param>
    /// <returns>The value <c>&lt;setTxn&gt;:&lt;operationIndex&gt;</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="setTxn"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operationIndex"/> is negative.</exception>
    /// <remarks>draft-ietf-scim-events-16 §2.5.1.2.</remarks>
    public static string Create(string setTxn, int operationIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(setTxn);
        ArgumentOutOfRangeException.ThrowIfNegative(operationIndex);
        return string.Create(CultureInfo.InvariantCulture, $"{setTxn}:{operationIndex}");
    }

    /// <summary>Reads a bulk operation's <c>txn</c> back into its <c>Set-Txn</c> value and operation index.</summary>
    /// <param name="txn">The SET's <c>txn</c> claim.</param>
    /// <param name="setTxn">The part before the last colon, when the value has the bulk form.</param>
    /// <param name="operationIndex">The zero-based operation index after the last colon, when the value has the bulk form.</param>
    /// <returns>
    /// <see langword="true"/> when <paramref name="txn"/> is a non-empty <c>Set-Txn</c> value, a colon and an index
    /// written in ASCII decimal digits without sign or leading zeros that fits an <see cref="int"/>.
    /// </returns>
    /// <remarks>
    /// draft-ietf-scim-events-16 §2.5.1.2. The index follows the last colon, so a <c>Set-Txn</c> value may itself
    /// contain colons. Leading zeros are refused so that every value reads back to exactly one text
    /// (<see cref="Create"/> never writes them).
    /// </remarks>
    public static bool TryParse([NotNullWhen(true)] string? txn, [NotNullWhen(true)] out string? setTxn, out int operationIndex)
    {
        setTxn = null;
        operationIndex = 0;
        var colon = txn?.LastIndexOf(':') ?? -1;
        if (colon <= 0)
        {
            return false;
        }

        var digits = txn.AsSpan(colon + 1);
        if (digits.IsEmpty
            || digits.ContainsAnyExceptInRange('0', '9')
            || (digits.Length > 1 && digits[0] == '0')
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out operationIndex))
        {
            operationIndex = 0;
            return false;
        }

        setTxn = txn![..colon];
        return true;
    }
}
