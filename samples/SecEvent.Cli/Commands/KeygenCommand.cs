using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Cli.Keys;
using SecEvent.Tokens;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent keygen</c>: a new signing or encryption key as a private JWK, and optionally its public JWKS. The
/// encryption key belongs to the receiver: it keeps the private JWK and gives the public JWKS to the transmitter.
/// </summary>
internal static class KeygenCommand
{
    public static Command Create(CliContext context)
    {
        var algorithm = new Option<string>("--alg")
        {
            Description = $"The algorithm the key is for: a JWS algorithm for a signing key, or {string.Join(", ", CliOptions.KeyManagementAlgorithms)} for an encryption key (use: enc).",
            HelpName = "ALG",
            Required = true,
        };
        algorithm.AcceptOnlyFromAmong([.. CliOptions.Algorithms, .. CliOptions.KeyManagementAlgorithms]);

        var keyId = new Option<string?>("--kid")
        {
            Description = "The key identifier; the RFC 7638 thumbprint of the key when absent.",
            HelpName = "KID",
        };
        var size = new Option<int?>("--size")
        {
            Description = $"The RSA key size in bits (RS*, PS*, RSA-OAEP* only); {KeyGenerator.MinimumRsaBits} when absent.",
            HelpName = "BITS",
            CustomParser = ParseSize, // a bad size is a parse error, so a usage error (exit 2) like any other
        };
        var curve = new Option<string?>("--crv")
        {
            Description = $"The curve of an {SecurityEventEncryptionAlgorithms.EcdhEsA256KW} key; {KeyGenerator.EncryptionCurves[0]} when absent. ES* keys take the curve their algorithm names.",
            HelpName = "CURVE",
        };
        curve.AcceptOnlyFromAmong(KeyGenerator.EncryptionCurves);
        var output = new Option<string>("--out")
        {
            Description = "Where to write the private key, as one JWK (owner-only permissions).",
            HelpName = "PRIVATE_JWK",
            Required = true,
        };
        var jwks = new Option<string?>("--jwks")
        {
            Description = "Where to also write the public key as a JWK Set (for HS*, the shared secret).",
            HelpName = "PUBLIC_JWKS",
        };

        var command = new Command("keygen", "Generate a signing key, or an encryption key for encrypted SETs.") { algorithm, keyId, size, curve, output, jwks };

        command.Validators.Add(result =>
        {
            var alg = result.GetValue(algorithm);
            if (result.GetResult(size) is not null && alg is not null && !IsRsa(alg))
            {
                result.AddError("--size applies to RSA keys only (RS*, PS*, RSA-OAEP*).");
            }

            if (result.GetResult(curve) is not null && alg is not null && alg != SecurityEventEncryptionAlgorithms.EcdhEsA256KW)
            {
                result.AddError($"--crv applies to {SecurityEventEncryptionAlgorithms.EcdhEsA256KW} keys only; an ES* algorithm names its curve.");
            }
        });
        keyId.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: 0 })
            {
                result.AddError("--kid must not be empty.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var alg = parse.GetRequiredValue(algorithm);
            var key = KeyGenerator.Generate(
                alg, parse.GetValue(size) ?? KeyGenerator.MinimumRsaBits, parse.GetValue(curve) ?? KeyGenerator.EncryptionCurves[0], parse.GetValue(keyId));
            var privatePath = parse.GetRequiredValue(output);
            var publicPath = parse.GetValue(jwks);

            await KeyFiles.WriteAsync(privatePath, json => JwkJson.WritePrivate(json, key), secret: true, cancellationToken);
            if (publicPath is not null)
            {
                // An HS* JWKS holds the shared secret itself, so it gets the private key's protection.
                var secret = key.Kty == JsonWebAlgorithmsKeyTypes.Octet;
                await KeyFiles.WriteAsync(publicPath, json => JwkJson.WritePublicSet(json, key), secret, cancellationToken);
            }

            // A summary for scripts (the kid to configure); never key material.
            CliOutput.WriteJsonLine(context.Stdout, json =>
            {
                json.WriteStartObject();
                json.WriteString("kid", key.Kid);
                json.WriteString("alg", key.Alg);
                json.WriteString("kty", key.Kty);
                json.WriteString("out", privatePath);
                if (publicPath is not null)
                {
                    json.WriteString("jwks", publicPath);
                }

                json.WriteEndObject();
            });
            return CliExitCodes.Success;
        });
        return command;
    }

    /// <summary>RS*, PS* and the RSA-OAEP family: every algorithm name that starts with "RS" or "PS" takes an RSA key.</summary>
    private static bool IsRsa(string alg) => alg.StartsWith("RS", StringComparison.Ordinal) || alg.StartsWith("PS", StringComparison.Ordinal);

    private static int? ParseSize(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        if (!int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            || bits is < KeyGenerator.MinimumRsaBits or > KeyGenerator.MaximumRsaBits || bits % 8 != 0)
        {
            result.AddError($"--size must be a multiple of 8 from {KeyGenerator.MinimumRsaBits} to {KeyGenerator.MaximumRsaBits} (RFC 7518 §3.3).");
            return null;
        }

        return bits;
    }
}
