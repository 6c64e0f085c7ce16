using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Delivery.Keys;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Keys;

/// <summary><see cref="JwksKeySource"/> against a real Kestrel JWKS endpoint.</summary>
public sealed class JwksKeySourceTests : IDisposable
{
    private JwksServer _jwks = null!;
    private HttpClient _http = null!;
    private ManualTimeProvider _clock = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _jwks = await JwksServer.StartAsync();
        _http = new HttpClient();
        _clock = PushSets.Clock();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _jwks.DisposeAsync();
    }

    public void Dispose() => _http?.Dispose();

    private static string Oct(string kid, byte[]? key = null) =>
        JsonSerializer.Serialize(new { kty = "oct", kid, alg = "HS256", k = Base64UrlEncoder.Encode(key ?? PushSets.HmacKey) });

    private static string Set(params string[] keys) => "{\"keys\":[" + string.Join(",", keys) + "]}";

    private JwksKeySource Source(Action<JwksKeySourceOptions>? configure = null)
    {
        var options = new JwksKeySourceOptions { JwksUri = _jwks.Uri, AllowInsecureHttp = true };
        configure?.Invoke(options);
        return new JwksKeySource(_http, options, _clock);
    }

    [Test]
    public async Task GetSigningKeysAsync_FirstUse_FetchesOnceAndKeepsOctKeys()
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source();

        var keys = await source.GetSigningKeysAsync("k1");
        var again = await source.GetSigningKeysAsync("k1");

        keys.Should().ContainSingle().Which.Should().BeOfType<JsonWebKey>().Which.Kty.Should().Be("oct");
        again.Should().BeEquivalentTo(keys);
        _jwks.Fetches.Should().Be(1);
    }

    [Test]
    public async Task GetSigningKeysAsync_UnknownKidAfterMinimumInterval_RefetchesAndFindsRotatedKey()
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source(o => o.MinimumRefreshInterval = TimeSpan.FromMinutes(5));
        await source.GetSigningKeysAsync("k1");
        _jwks.Document = Set(Oct("k1"), Oct("k2"));
        _clock.Advance(TimeSpan.FromMinutes(5));

        var keys = await source.GetSigningKeysAsync("k2");

        keys.Select(k => k.KeyId).Should().Equal("k1", "k2");
        _jwks.Fetches.Should().Be(2);
    }

    [Test]
    public async Task GetSigningKeysAsync_UnknownKidsWithinMinimumInterval_FetchAtMostOnce()
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source(o => o.MinimumRefreshInterval = TimeSpan.FromMinutes(5));
        await source.GetSigningKeysAsync("k1");

        for (var i = 0; i < 50; i++)
        {
            await source.GetSigningKeysAsync($"forged-{i}");
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        // 250 s of forged kids: no fetch beyond the first; then one more once 5 minutes have passed.
        _jwks.Fetches.Should().Be(1);
        _clock.Advance(TimeSpan.FromSeconds(50));
        await source.GetSigningKeysAsync("forged-x");
        await source.GetSigningKeysAsync("forged-y");
        _jwks.Fetches.Should().Be(2);
    }

    [Test]
    public async Task GetSigningKeysAsync_ConcurrentUnknownKids_SingleFetch()
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => source.GetSigningKeysAsync($"kid-{i}").AsTask()));

        _jwks.Fetches.Should().Be(1);
    }

    [Test]
    public async Task GetSigningKeysAsync_KnownKidAfterRefreshInterval_RefetchesStaleSet()
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source(o => o.RefreshInterval = TimeSpan.FromHours(1));
        await source.GetSigningKeysAsync("k1");

        _clock.Advance(TimeSpan.FromMinutes(59));
        await source.GetSigningKeysAsync("k1");
        _jwks.Fetches.Should().Be(1);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await source.GetSigningKeysAsync("k1");
        _jwks.Fetches.Should().Be(2);
    }

    [TestCase(500)]
    [TestCase(404)]
    public async Task GetSigningKeysAsync_FetchFails_KeepsLastKnownGoodSet(int status)
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source();
        await source.GetSigningKeysAsync("k1");
        _jwks.Status = status;
        _jwks.Document = Set(Oct("k2"));
        _clock.Advance(TimeSpan.FromHours(2));

        var keys = await source.GetSigningKeysAsync("k1");

        _jwks.Fetches.Should().Be(2);
        keys.Select(k => k.KeyId).Should().Equal("k1");
    }

    [Test]
    public async Task GetSigningKeysAsync_MalformedDocument_KeepsLastKnownGoodSet()
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source();
        await source.GetSigningKeysAsync("k1");
        _jwks.Document = "{\"keys\":[ not json";
        _clock.Advance(TimeSpan.FromHours(2));

        var keys = await source.GetSigningKeysAsync("k2");

        _jwks.Fetches.Should().Be(2);
        keys.Select(k => k.KeyId).Should().Equal("k1");
    }

    [Test]
    public async Task GetSigningKeysAsync_FirstFetchFails_ReturnsEmptyAndRetriesAfterMinimumInterval()
    {
        _jwks.Status = 503;
        var source = Source(o => o.MinimumRefreshInterval = TimeSpan.FromMinutes(1));

        (await source.GetSigningKeysAsync("k1")).Should().BeEmpty();
        (await source.GetSigningKeysAsync("k1")).Should().BeEmpty();
        _jwks.Fetches.Should().Be(1);
        _jwks.Status = 200;
        _jwks.Document = Set(Oct("k1"));
        _clock.Advance(TimeSpan.FromMinutes(1));

        (await source.GetSigningKeysAsync("k1")).Should().ContainSingle();
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task GetSigningKeysAsync_OversizedDocument_RefusedAndLastGoodSetKept(bool declareLength)
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source(o => o.MaximumResponseSize = 1024);
        await source.GetSigningKeysAsync("k1");
        _jwks.Document = Set([.. Enumerable.Range(0, 40).Select(i => Oct($"big-{i}"))]);
        _jwks.DeclareLength = declareLength;
        _clock.Advance(TimeSpan.FromHours(2));

        var keys = await source.GetSigningKeysAsync("big-1");

        _jwks.Fetches.Should().Be(2);
        keys.Select(k => k.KeyId).Should().Equal("k1");
    }

    [Test]
    public void Constructor_HttpUrlWithoutOptIn_Throws()
    {
        var create = () => new JwksKeySource(_http, new JwksKeySourceOptions { JwksUri = _jwks.Uri });

        create.Should().Throw<ArgumentException>().WithMessage("*https*");
    }

    [TestCase("ftp://example.com/jwks")]
    [TestCase("file:///etc/jwks.json")]
    public void Constructor_OtherSchemeEvenWithHttpAllowed_Throws(string uri)
    {
        var create = () => new JwksKeySource(_http, new JwksKeySourceOptions { JwksUri = new Uri(uri), AllowInsecureHttp = true });

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Constructor_HttpsUrl_Accepted()
    {
        var create = () => new JwksKeySource(_http, new JwksKeySourceOptions { JwksUri = new Uri("https://transmitter.example.com/jwks") });

        create.Should().NotThrow();
    }

    [Test]
    public async Task GetSigningKeysAsync_Cancelled_Throws()
    {
        var source = Source();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await source.Invoking(s => s.GetSigningKeysAsync("k1", cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task SigningKeyResolver_InValidationParameters_ValidatesHs256SetWithOctKeyFromJwks()
    {
        _jwks.Document = Set(Oct("k1"));
        var source = Source();
        var parameters = PushSets.Parameters();
        parameters.SigningKeys = [];
        parameters.SigningKeyResolver = source.SigningKeyResolver;
        var token = RawToken.Sign("""{"alg":"HS256","typ":"secevent+jwt","kid":"k1"}""", PushSets.Payload(), PushSets.HmacKey);

        var result = await new SecurityEventTokenHandler(_clock).ValidateTokenAsync(token, parameters);

        result.Error.Should().BeNull();
        result.SigningKey!.KeyId.Should().Be("k1");
    }
}
