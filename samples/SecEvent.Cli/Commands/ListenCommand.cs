using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecEvent.Cli.Keys;
using SecEvent.Delivery.Push;
using SecEvent.Tokens;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent listen</c>: an RFC 8935 push receiver on 127.0.0.1 that prints each accepted SET's payload as one JSON
/// line, until the run is cancelled.
/// </summary>
internal static class ListenCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port")
        {
            Description = "The loopback port to listen on; 0 picks a free one.",
            HelpName = "PORT",
            Required = true,
        };
        var jwks = new Option<string>("--jwks")
        {
            Description = "The JWK Set of keys that may have signed the pushed tokens.",
            HelpName = "JWKS",
            Required = true,
        };
        var issuers = new Option<string[]>("--iss") { Description = "An accepted issuer; repeat for several. Any issuer when absent.", HelpName = "ISSUER" };
        var audiences = new Option<string[]>("--aud") { Description = "An audience value naming this receiver; repeat for several. Not checked when absent.", HelpName = "AUDIENCE" };
        var profile = CliOptions.CreateProfileOption();
        var authorization = new Option<string>("--auth")
        {
            Description = "Require this exact Authorization header value; others are answered 400 authentication_failed (RFC 8935 §2.3).",
            HelpName = "VALUE",
        };

        var command = new Command("listen", "Receive pushed Security Event Tokens (RFC 8935) on 127.0.0.1 and print each accepted SET's claims as a JSON line.")
        {
            port, jwks, issuers, audiences, profile, authorization,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var keySet = await KeyFiles.ReadKeySetAsync(parse.GetRequiredValue(jwks), cancellationToken);
            var validIssuers = parse.GetValue(issuers) ?? [];
            var validAudiences = parse.GetValue(audiences) ?? [];
            var options = new PushReceiverOptions
            {
                ValidationParameters = new SecurityEventTokenValidationParameters
                {
                    Profile = CliOptions.ToProfile(parse.GetValue(profile)),
                    SigningKeySet = keySet,
                    ValidIssuers = validIssuers,
                    ValidateIssuer = validIssuers.Length > 0,
                    ValidAudiences = validAudiences,
                    ValidateAudience = validAudiences.Length > 0,
                },
                AuthenticateTransmitter = Authenticator(parse.GetValue(authorization)),
            };
            var output = new Lock(); // Requests arrive concurrently; each SET's line is written whole.
            var receiver = new PushReceiver(options, (set, _) =>
            {
                lock (output)
                {
                    CliOutput.WriteJsonLine(context.Stdout, json => set.Payload.WriteTo(json));
                }

                return ValueTask.CompletedTask;
            }, context.Time);

            await using var app = Build(parse.GetValue(port), receiver);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            context.Stderr.WriteLine($"listening on {address.TrimEnd('/')}/");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancellation (Ctrl+C, or the caller's token) is how listening ends.
            }

            await app.StopAsync(CancellationToken.None);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static WebApplication Build(int port, PushReceiver receiver)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async http =>
        {
            var response = await receiver.ReceiveAsync(new PushRequest
            {
                Method = http.Request.Method,
                ContentType = http.Request.ContentType,
                ContentLength = http.Request.ContentLength,
                Authorization = http.Request.Headers.Authorization.ToString() is { Length: > 0 } value ? value : null,
                Body = http.Request.Body,
            }, http.RequestAborted);
            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, headerValue) in response.Headers)
            {
                http.Response.Headers.Append(name, headerValue);
            }

            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        });
        return app;
    }

    private static Func<PushRequest, CancellationToken, ValueTask<PushAuthorizationResult>>? Authenticator(string? expected)
    {
        if (expected is null)
        {
            return null;
        }

        var wanted = Encoding.UTF8.GetBytes(expected);
        return (request, _) => ValueTask.FromResult(
            request.Authorization is { } given && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), wanted)
                ? PushAuthorizationResult.Allowed
                : PushAuthorizationResult.Refused("The Authorization header is missing or not the one this receiver expects."));
    }
}
