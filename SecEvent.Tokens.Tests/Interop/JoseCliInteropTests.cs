using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Cli;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>
/// The secevent CLI path against panva/jose: keys made by <c>secevent keygen</c> and tokens from <c>secevent sign</c>
/// pass jose's jwtVerify with its typ check, and tokens jose signs pass <c>secevent verify</c>.
/// </summary>
[NonParallelizable]
public sealed class JoseCliInteropTests : IDisposable
{
    private static readonly string[] Algorithms = ["ES256", "RS256", "PS256", "HS256"];

    private static readonly string Payload = $$$"""
        {"iss":"{{{Some.Issuer}}}","aud":"{{{Some.Audience}}}","sub_id":{"format":"opaque","id":"f67e39a0a4d34d56b3aa1bc4cff0069f"},
         "events":{"https://schemas.openid.net/secevent/ssf/event-type/verification":{"state":"from the CLI"}}
        }
        """;

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, JsonElement> _joseVerdicts = [];
    private readonly Dictionary<string, string> _joseTokens = [];
    private readonly Dictionary<string, string> _joseJwks = [];

    [OneTimeSetUp]
    public async Task CrossAsync()
    {
        var verifications = new List<object>();
        foreach (var alg in Algorithms)
        {
            var keygen = await CliRun.RunAsync("keygen", "--alg", alg, "--out", _folder.File($"{alg}.jwk"), "--jwks", _folder.File($"{alg}.jwks"));
            keygen.ExitCode.Should().Be(0, keygen.Stderr);
            var sign = await CliRun.WithStdinAsync(Payload, "sign", "--key", _folder.File($"{alg}.jwk"), "--profile", "ssf");
            sign.ExitCode.Should().Be(0, sign.Stdout + sign.Stderr);

            var jwks = JsonElement.Parse(File.ReadAllText(_folder.File($"{alg}.jwks")));
            var symmetric = alg.StartsWith("HS", StringComparison.Ordinal);
            verifications.Add(new
            {
                op = "verify",
                token = sign.Line,
                jwks = symmetric ? (JsonElement?)null : jwks,
                jwk = symmetric ? jwks.GetProperty("keys")[0] : (JsonElement?)null,
                typ = "secevent+jwt",
                issuer = Some.Issuer,
                audience = Some.Audience,
                algorithms = new[] { alg },
            });
        }

        var verdicts = await JoseBridge.RunAsync(verifications);
        var generated = await JoseBridge.RunAsync([.. Algorithms.Select(alg => new { op = "generate", alg })]);
        var signed = await JoseBridge.RunAsync([.. Algorithms.Select((alg, i) => new
        {
            op = "sign", alg, jwk = generated[i].GetProperty("privateJwk"), typ = "secevent+jwt",
            payload = JsonElement.Parse(Payload.Replace("\"aud\"", "\"iat\":1767225600,\"jti\":\"jose-1\",\"aud\"", StringComparison.Ordinal)),
        })]);
        for (var i = 0; i < Algorithms.Length; i++)
        {
            _joseVerdicts[Algorithms[i]] = verdicts[i];
            _joseTokens[Algorithms[i]] = signed[i].GetProperty("token").GetString()!;
            _joseJwks[Algorithms[i]] = _folder.Write($"jose-{Algorithms[i]}.jwks", $$"""{"keys":[{{generated[i].GetProperty("publicJwk").GetRawText()}}]}""");
        }
    }

    // NUnit disposes a disposable fixture after its last test.
    public void Dispose() => _folder.Dispose();

    [TestCaseSource(nameof(Algorithms))]
    public void JwtVerify_TokenFromSeceventSign_AcceptedByJoseWithItsTypCheck(string alg)
    {
        var verdict = _joseVerdicts[alg];

        verdict.GetProperty("ok").GetBoolean().Should().BeTrue(verdict.GetRawText());
        verdict.GetProperty("header").GetProperty("typ").GetString().Should().Be("secevent+jwt");
        verdict.GetProperty("payload").GetProperty("jti").GetString().Should().NotBeNullOrEmpty("sign fills jti");
    }

    [TestCaseSource(nameof(Algorithms))]
    public async Task SeceventVerify_TokenSignedByJose_AcceptedWithJoseJwks(string alg)
    {
        var result = await CliRun.WithStdinAsync(
            _joseTokens[alg], "verify", "--jwks", _joseJwks[alg], "--iss", Some.Issuer, "--aud", Some.Audience, "--profile", "ssf");

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        result.Json.GetProperty("header").GetProperty("alg").GetString().Should().Be(alg);
        result.Json.GetProperty("events")[0].GetProperty("model").GetString().Should().Be("SsfVerificationEvent");
    }
}
