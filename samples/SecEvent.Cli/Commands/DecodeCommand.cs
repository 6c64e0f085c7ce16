using System.Buffers.Text;
using System.CommandLine;
using System.Text.Json;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent decode</c>: shows what a compact JWS or JWE says, without checking any signature. For looking,
/// never for trusting: only <c>verify</c> tells whether the token is genuine.
/// </summary>
/// <remarks>
/// A JWS prints <c>{"header":…,"payload":…}</c>. A JWE prints <c>{"jwe_header":…,"payload":null,"encrypted":true}</c>:
/// its protected header under its own name, so it is never taken for the SET's JWS header, which is encrypted
/// along with the claims and needs the receiver's key (<c>verify --decrypt-key</c>).
/// </remarks>
internal static class DecodeCommand
{
    /// <summary>The member that holds a JWE's protected header (RFC 7516 §4), in <c>decode</c> and <c>verify</c> output.</summary>
    public const string JweHeaderMember = "jwe_header";

    private const int JwsParts = 3;
    private const int JweParts = 5;

    public static Command Create(CliContext context)
    {
        var input = CliInput.CreateOption("compact token");
        var command = new Command("decode", "Print a compact JWS's header and payload, or a JWE's protected header (its payload is encrypted), UNVERIFIED.") { input };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var token = (await CliInput.ReadAsync(parse.GetRequiredValue(input), context, "token", cancellationToken)).Trim();
            var parts = token.Split('.');
            if (parts.Length is not (JwsParts or JweParts))
            {
                return ErrorObject.InvalidRequest(context.Stdout,
                    "The input is not a compact JWS (three base64url parts) or JWE (five parts) (RFC 7515 §7.1, RFC 7516 §7.1).");
            }

            if (Array.FindIndex(parts, part => !IsBase64UrlText(part)) is var bad and >= 0)
            {
                return ErrorObject.InvalidRequest(context.Stdout, $"Part {bad + 1} of the token is not base64url (RFC 7515 §2).");
            }

            if (!TryDecodeObject(parts[0], "JOSE header", out var header, out var problem))
            {
                return ErrorObject.InvalidRequest(context.Stdout, problem!);
            }

            // A JWE's second part is an encrypted key, not a payload: there is nothing to show without decrypting.
            JsonElement? payload = null;
            if (parts.Length == JwsParts)
            {
                if (!TryDecodeObject(parts[1], "JWT claims set", out var claims, out problem))
                {
                    return ErrorObject.InvalidRequest(context.Stdout, problem!);
                }

                payload = claims;
            }

            CliOutput.WriteJsonLine(context.Stdout, json =>
            {
                json.WriteStartObject();
                json.WritePropertyName(payload is null ? JweHeaderMember : "header");
                header.WriteTo(json);
                json.WritePropertyName("payload");
                if (payload is { } value)
                {
                    value.WriteTo(json);
                }
                else
                {
                    json.WriteNullValue();
                    json.WriteBoolean("encrypted", true);
                }

                json.WriteEndObject();
            });
            return CliExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// RFC 7515 §2: the URL-safe alphabet with no padding, line breaks or other characters, which .NET's decoder
    /// would otherwise skip. Empty parts are allowed (an unsecured JWS's signature, a <c>dir</c> JWE's key).
    /// </summary>
    private static bool IsBase64UrlText(string part) =>
        part.Length % 4 != 1 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Decodes one base64url part of a compact token that must hold a JSON object, strictly.</summary>
    internal static bool TryDecodeObject(string part, string what, out JsonElement element, out string? problem)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            element = default;
            problem = $"The {what} is not valid base64url (RFC 7515 §2).";
            return false;
        }

        return StrictJson.TryParseObject(bytes, what, out element, out problem);
    }
}
