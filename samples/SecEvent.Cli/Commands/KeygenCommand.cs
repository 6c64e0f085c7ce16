using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Cli.Keys;

namespace SecEvent.Cli.Commands;

/// <summary><c>secevent keygen</c>: a new signing key as a private JWK, and optionally its public JWKS.</summary>
internal static class KeygenCommand
{
    public static Command Create(CliContext context)
    {
        var algorithm = new Option<string>("--alg")
        {
            Description = "The JWS algorithm the key is for.",
            HelpName = "ALG",
            Required = true,
        };
        algorithm.AcceptOnlyFromAmong(CliOptions.Algorithms);

        var keyId = new Option<string?>("--kid")
        {
            Description = "The key identifier; the RFC 7638 thumbprint of the key when absent.",
            HelpName = "KID",
        };
        var size = new Option<int?>("--size")
        {
            Description = $"The RSA key size in bits (RS*, PS* only); {KeyGenerator.MinimumRsaBits} when absent.",
            HelpName = "BITS",
            CustomParser = ParseSize, // a bad size is a parse error, so a usage error (exit 2) like any other
        };
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

        var command = new Command("keygen", "Generate a signing key.") { algorithm, keyId, size, output, jwks };

        command.Validators.Add(result =>
        {
            var alg = result.GetValue(algorithm);
            if (result.GetResult(size) is not null && alg is not null && !alg.StartsWith("RS", StringComparison.Ordinal) && !alg.StartsWith("PS", StringComparison.Ordinal))
            {
                result.AddError("--size applies to RSA keys only (RS*, PS*).");
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
            var key = KeyGenerator.Generate(alg, parse.GetValue(size) ?? KeyGenerator.MinimumRsaBits, parse.GetValue(keyId));
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
