using System.CommandLine;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Cli.Keys;
using SecEvent.Tokens;

namespace SecEvent.Cli.Commands;

/// <summary><c>secevent sign</c>: a JSON claims set in, a signed compact SET out.</summary>
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
        var input = CliInput.CreateOption("JSON claims set");

        var command = new Command("sign", "Sign a JSON claims set as a Security Event Token; iat and jti are filled in when absent.")
        {
            key, profile, input,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            // The key first: a missing key file is a usage error whatever the payload says.
            var signingKey = await KeyFiles.ReadSigningKeyAsync(parse.GetRequiredValue(key), cancellationToken);
            var text = await CliInput.ReadAsync(parse.GetRequiredValue(input), context, "payload", cancellationToken);
            if (!StrictJson.TryParseObject(text, "payload", out var payload, out var problem))
            {
                return ErrorObject.InvalidRequest(context.Stdout, problem!);
            }

            var descriptor = new SecurityEventTokenDescriptor
            {
                Profile = CliOptions.ToProfile(parse.GetValue(profile)),
                SigningCredentials = new SigningCredentials(signingKey, signingKey.Alg),
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
