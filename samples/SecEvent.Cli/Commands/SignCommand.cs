using System.CommandLine;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Cli.Keys;
using SecEvent.Tokens;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent sign</c>: a JSON claims set in, a signed compact SET out; with <c>--encrypt-to</c>, the signed SET
/// encrypted to the receiver's public key as a Nested JWT (RFC 7519 §5.2; RFC 8417 §5.1).
/// </summary>
internal static class SignCommand
{
    public static Command Create(CliContext context)
    {
        var key = new Option<string>("--key")
        {
            Description = "The private JWK to sign with (as written by 'secevent keygen --out'); its alg and kid are used.",
            HelpName = "PRIVATE_JWK",
            Required = true,
        };
        var profile = CliOptions.CreateProfileOption();
        var encryptTo = new Option<string?>("--encrypt-to")
        {
            Description = "Then encrypt the signed SET to the receiver's public JWK, or a JWKS holding one encryption key (as written by 'secevent keygen --jwks'); its alg and kid are used.",
            HelpName = "PUBLIC_JWK",
        };
        var contentEncryption = new Option<string?>("--enc")
        {
            Description = $"The content encryption algorithm with --encrypt-to: {string.Join(", ", CliOptions.ContentEncryptionAlgorithms)}; {CliOptions.ContentEncryptionAlgorithms[0]} when absent.",
            HelpName = "ENC",
        };
        contentEncryption.AcceptOnlyFromAmong(CliOptions.ContentEncryptionAlgorithms);
        var input = CliInput.CreateOption("JSON claims set");

        var command = new Command("sign", "Sign a JSON claims set as a Security Event Token, and optionally encrypt it to the receiver; iat and jti are filled in when absent.")
        {
            key, profile, encryptTo, contentEncryption, input,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(contentEncryption) is not null && result.GetResult(encryptTo) is null)
            {
                result.AddError("--enc applies only with --encrypt-to.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            // The key first: a missing key file is a usage error whatever the payload says.
            var signingKey = await KeyFiles.ReadSigningKeyAsync(parse.GetRequiredValue(key), cancellationToken);
            var recipientKey = parse.GetValue(encryptTo) is { } recipientPath
                ? await EncryptionKeyFiles.ReadRecipientKeyAsync(recipientPath, cancellationToken)
                : null;
            var text = await CliInput.ReadAsync(parse.GetRequiredValue(input), context, "payload", cancellationToken);
            if (!StrictJson.TryParseObject(text, "payload", out var payload, out var problem))
            {
                return ErrorObject.InvalidRequest(context.Stdout, problem!);
            }

            var descriptor = new SecurityEventTokenDescriptor
            {
                Profile = CliOptions.ToProfile(parse.GetValue(profile)),
                SigningCredentials = new SigningCredentials(signingKey, signingKey.Alg),
                EncryptingCredentials = recipientKey is null
                    ? null
                    : new EncryptingCredentials(recipientKey, recipientKey.Alg, parse.GetValue(contentEncryption) ?? CliOptions.ContentEncryptionAlgorithms[0]),
            };
            if (PayloadMapper.Map(payload, descriptor) is { } typeProblem)
            {
                return ErrorObject.InvalidRequest(context.Stdout, typeProblem);
            }

            string token;
            try
            {
                // The handler fills iat (now, whole seconds), a random jti and, for logout tokens, exp = iat + 120 s.
                token = new SecurityEventTokenHandler(context.Time).CreateToken(descriptor);
            }
            catch (SecurityEventTokenException ex)
            {
                return ErrorObject.Write(context.Stdout, ex.Error);
            }

            context.Stdout.WriteLine(token);
            return CliExitCodes.Success;
        });
        return command;
    }
}
