using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Jose;
using SecEvent.Tokens.Validation;

namespace SecEvent.Tokens.Creation;

/// <summary>Writes header and claims with <see cref="Utf8JsonWriter"/>, encodes them and signs the result.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One instance per thread lives as long as the thread; its writer holds only managed buffers.")]
internal sealed class TokenWriter
{
    // '+' in "secevent+jwt" and non-ASCII text stay as they are: a JWT is never embedded in HTML unescaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static TokenWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _header = new(256);
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private readonly Utf8JsonWriter _json = new(Stream.Null, WriterOptions);
    private byte[] _output = new byte[2048];

    public static string Write(
        SecurityEventTokenDescriptor descriptor, TokenClaims claims, string type, JoseAlgorithm? algorithm, SecurityEventTypeRegistry eventTypes)
    {
        // One writer per thread, reused: token creation allocates little beyond the token string itself.
        var writer = t_cached ?? new TokenWriter();
        t_cached = null;
        try
        {
            writer.WriteHeader(descriptor, type, algorithm);
            writer.WritePayload(descriptor, claims, eventTypes);
            return writer.Encode(descriptor.SigningCredentials, algorithm);
        }
        finally
        {
            writer._header.ResetWrittenCount();
            writer._payload.ResetWrittenCount();
            t_cached = writer;
        }
    }

    private void WriteHeader(SecurityEventTokenDescriptor descriptor, string type, JoseAlgorithm? algorithm)
    {
        _json.Reset(_header);
        _json.WriteStartObject();
        _json.WriteString("alg", algorithm?.Name ?? JoseAlgorithm.None);
        if (descriptor.SigningCredentials?.Key.KeyId is { Length: > 0 } kid)
        {
            _json.WriteString("kid", kid);
        }

        _json.WriteString("typ", type);
        foreach (var (name, value) in descriptor.AdditionalHeaderParameters)
        {
            if (ReservedNames.IsReservedHeader(name))
            {
                throw new ArgumentException($"The header parameter '{name}' cannot be set through AdditionalHeaderParameters.", nameof(descriptor));
            }

            ClaimValueWriter.Write(_json, name, value);
        }

        _json.WriteEndObject();
        _json.Flush();
    }

    private void WritePayload(SecurityEventTokenDescriptor descriptor, TokenClaims claims, SecurityEventTypeRegistry eventTypes)
    {
        _json.Reset(_payload);
        _json.WriteStartObject();
        _json.WriteString(SecurityEventClaimNames.Issuer, claims.Issuer);
        _json.WriteNumber(SecurityEventClaimNames.IssuedAt, claims.IssuedAt!.Value.Seconds);
        _json.WriteString(SecurityEventClaimNames.JwtId, claims.JwtId);
        WriteAudience(claims.Audiences);
        WriteDate(SecurityEventClaimNames.Expiration, claims.Expiration);
        WriteDate(SecurityEventClaimNames.TimeOfEvent, claims.TimeOfEvent);
        if (claims.TransactionId is not null)
        {
            _json.WriteString(SecurityEventClaimNames.TransactionId, claims.TransactionId);
        }

        if (claims.Subject is not null)
        {
            _json.WriteString(SecurityEventClaimNames.Subject, claims.Subject);
        }

        if (claims.SubjectId is not null)
        {
            _json.WritePropertyName(SecurityEventClaimNames.SubjectId);
            claims.SubjectId.WriteTo(_json);
        }

        foreach (var (name, value) in descriptor.AdditionalClaims)
        {
            ClaimValueWriter.Write(_json, name, value);
        }

        _json.WriteStartObject(SecurityEventClaimNames.Events);
        foreach (var e in descriptor.Events)
        {
            _json.WritePropertyName(e.EventType);
            if (e is UnknownSecurityEvent unknown)
            {
                unknown.Payload.WriteTo(_json);
            }
            else
            {
                eventTypes.Find(e.GetType())!.Write(_json, e);
            }
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
    }

    private void WriteAudience(IReadOnlyList<string> audiences)
    {
        if (audiences.Count == 1)
        {
            _json.WriteString(SecurityEventClaimNames.Audience, audiences[0]);
        }
        else if (audiences.Count > 1)
        {
            _json.WriteStartArray(SecurityEventClaimNames.Audience);
            foreach (var audience in audiences)
            {
                _json.WriteStringValue(audience);
            }

            _json.WriteEndArray();
        }
    }

    private void WriteDate(string name, NumericDate? date)
    {
        if (date is { } value)
        {
            _json.WriteNumber(name, value.Seconds);
        }
    }

    private string Encode(SigningCredentials? credentials, JoseAlgorithm? algorithm)
    {
        const int MaxSignatureBytes = 1024; // RSA-8192 at most
        var headerLength = Base64Url.GetEncodedLength(_header.WrittenCount);
        var payloadLength = Base64Url.GetEncodedLength(_payload.WrittenCount);
        var signingInputLength = headerLength + 1 + payloadLength;
        var needed = signingInputLength + 1 + Base64Url.GetEncodedLength(MaxSignatureBytes);
        if (_output.Length < needed)
        {
            _output = new byte[needed];
        }

        var span = _output.AsSpan();
        Base64Url.EncodeToUtf8(_header.WrittenSpan, span);
        span[headerLength] = (byte)'.';
        Base64Url.EncodeToUtf8(_payload.WrittenSpan, span[(headerLength + 1)..]);
        span[signingInputLength] = (byte)'.';
        var length = signingInputLength + 1;
        if (algorithm is not null)
        {
            Span<byte> signature = stackalloc byte[MaxSignatureBytes];
            var signatureLength = Sign(credentials!, algorithm.Name, span[..signingInputLength], signature);
            length += Base64Url.EncodeToUtf8(signature[..signatureLength], span[length..]);
        }

        return Encoding.ASCII.GetString(span[..length]);
    }

    private static int Sign(SigningCredentials credentials, string algorithm, ReadOnlySpan<byte> input, Span<byte> signature)
    {
        var factory = credentials.CryptoProviderFactory ?? credentials.Key.CryptoProviderFactory ?? CryptoProviderFactory.Default;
        SignatureProvider provider;
        try
        {
            provider = factory.CreateForSigning(credentials.Key, algorithm);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException
            or System.Security.Cryptography.CryptographicException)
        {
            throw new SecurityEventTokenException(SecurityEventError.Key($"The key cannot sign {algorithm}: {ex.Message}"));
        }

        try
        {
            return provider.Sign(input, signature, out var written)
                ? written
                : throw new SecurityEventTokenException(SecurityEventError.Key($"The key could not sign {algorithm}."));
        }
        finally
        {
            factory.ReleaseSignatureProvider(provider);
        }
    }
}
