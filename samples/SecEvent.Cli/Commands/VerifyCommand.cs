using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Cli.Keys;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent verify</c>: validates a compact SET against a JWKS and the receiver's expectations; an encrypted SET
/// (a JWE around the signed SET, RFC 7519 §5.2) is decrypted first with the receiver's private keys.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var jwks = new Option<string>("--jwks")
        {
            Description = "The JWK Set of keys that may have signed the token.",
            HelpName = "JWKS",
            Required = true,
        };
        var issuers = new Option<string[]>("--iss")
        {
            Description = "An accepted issuer; repeat for several. Any issuer is accepted when absent.",
            HelpName = "ISSUER",
        };
        var audiences = new Option<string[]>("--aud")
        {
            Description = "An audience value naming this receiver; repeat for several. The audience is not checked when absent.",
            HelpName = "AUDIENCE",
        };
        var profile = CliOptions.CreateProfileOption();
        var algorithms = new Option<string[]>("--alg")
        {
            Description = "Accepted JWS algorithms, comma-separated or repeated; those fitting the JWKS keys when absent.",
            HelpName = "ALG[,ALG…]",
            CustomParser = SplitAlgorithms,
        };
        var decryptionKeys = new Option<string[]>("--decrypt-key")
        {
            Description = "The receiver's private encryption JWK (as written by 'secevent keygen --out') for encrypted SETs; repeat for several.",
            HelpName = "PRIVATE_JWK",
        };
        var requireEncryption = new Option<bool>("--require-encryption")
        {
            Description = "Refuse SETs that are not encrypted (RFC 8417 §5.1), with invalid_request.",
        };
        var input = CliInput.CreateOption("compact token");

        var command = new Command("verify", "Validate a Security Event Token, signed or encrypted, and print its header, claims and events.")
        {
            jwks, issuers, audiences, profile, algorithms, decryptionKeys, requireEncryption, input,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(requireEncryption) && result.GetResult(decryptionKeys) is null)
            {
                result.AddError("--require-encryption needs --decrypt-key: without a key every token would be refused.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var keySet = await KeyFiles.ReadKeySetAsync(parse.GetRequiredValue(jwks), cancellationToken);
            var decryptionKeyList = new List<SecurityKey>();
            foreach (var path in parse.GetValue(decryptionKeys) ?? [])
            {
                decryptionKeyList.Add(await EncryptionKeyFiles.ReadDecryptionKeyAsync(path, cancellationToken));
            }

            var token = (await CliInput.ReadAsync(parse.GetRequiredValue(input), context, "token", cancellationToken)).Trim();
            var validIssuers = parse.GetValue(issuers) ?? [];
            var validAudiences = parse.GetValue(audiences) ?? [];
            var parameters = new SecurityEventTokenValidationParameters
            {
                Profile = CliOptions.ToProfile(parse.GetValue(profile)),
                SigningKeySet = keySet,
                ValidIssuers = validIssuers,
                ValidateIssuer = validIssuers.Length > 0,
                ValidAudiences = validAudiences,
                ValidateAudience = validAudiences.Length > 0,
                ValidAlgorithms = parse.GetValue(algorithms) ?? [],
                DecryptionKeys = decryptionKeyList,
                RequireEncryption = parse.GetValue(requireEncryption),
            };

            var handler = new SecurityEventTokenHandler(context.Time);
            var result = await handler.ValidateTokenAsync(token, parameters, cancellationToken);
            if (!result.IsValid)
            {
                return ErrorObject.Write(context.Stdout, result.Error);
            }

            // The outer header is shown only for a JWE, so a signed SET's output keeps exactly its three members.
            JsonElement? jweHeader = result.DecryptionKey is not null && DecodeCommand.TryDecodeObject(token.Split('.')[0], "JWE header", out var outer, out _)
                ? outer
                : null;
            CliOutput.WriteJsonLine(context.Stdout, json => WriteAccepted(json, result.Token, handler.EventTypes, jweHeader));
            return CliExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Writes <c>header</c> (the JWS header that was verified), <c>payload</c> and <c>events</c>; for an encrypted SET,
    /// also <c>jwe_header</c>, the JWE Protected Header it arrived in (authenticated by the decryption).
    /// </summary>
    private static void WriteAccepted(Utf8JsonWriter json, SecurityEventToken token, SecurityEventTypeRegistry eventTypes, JsonElement? jweHeader)
    {
        json.WriteStartObject();
        json.WritePropertyName("header");
        token.Header.WriteTo(json);
        json.WritePropertyName("payload");
        token.Payload.WriteTo(json);
        json.WriteStartArray("events");
        foreach (var e in token.Events)
        {
            json.WriteStartObject();
            json.WriteString("type", e.EventType);
            if (e is not UnknownSecurityEvent && eventTypes.TryGetModelType(e.EventType, out var model))
            {
                json.WriteString("model", model.Name);
            }
            else
            {
                json.WriteNull("model");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (jweHeader is { } outer)
        {
            json.WritePropertyName(DecodeCommand.JweHeaderMember);
            outer.WriteTo(json);
        }

        json.WriteEndObject();
    }

    /// <summary>Reads <c>--alg ES256,RS256 --alg PS256</c> into one list, refusing names the library does not support.</summary>
    private static string[] SplitAlgorithms(ArgumentResult result)
    {
        var names = result.Tokens
            .SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        foreach (var name in names.Where(name => !CliOptions.IsAlgorithm(name)))
        {
            result.AddError($"'{name}' is not a supported --alg value; use {string.Join(", ", CliOptions.Algorithms)}.");
        }

        if (names.Length == 0)
        {
            result.AddError("--alg needs at least one algorithm name.");
        }

        return names;
    }
}
