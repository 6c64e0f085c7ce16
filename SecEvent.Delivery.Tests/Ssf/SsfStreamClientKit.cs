using System.Text;
using System.Text.Json;
using FluentAssertions;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>Comparisons of what the client sent and returned with the spec's figures.</summary>
internal static class SsfStreamClientKit
{
    /// <summary>The last request the stub saw after discovery equals request figure <paramref name="name"/>: method, target, Authorization and JSON body.</summary>
    public static void ShouldMatchFigure(this StubRequest request, string name)
    {
        var figure = Vectors.Named(name).Data;
        request.Method.Should().Be(figure.GetProperty("method").GetString());
        request.Target.Should().Be(figure.GetProperty("target").GetString());
        request.Authorization.Should().Be(SsfTransmitterStub.FigureAuthorization);
        var body = figure.GetProperty("body");
        if (body.ValueKind == JsonValueKind.Null)
        {
            request.Body.Should().BeEmpty();
            return;
        }

        request.ContentType.Should().Be("application/json");
        using var sent = JsonDocument.Parse(request.Body);
        JsonElement.DeepEquals(sent.RootElement, body).Should().BeTrue($"the request should carry figure {name}'s body, but carried {request.Body}");
    }

    /// <summary><paramref name="written"/> holds the same JSON as figure <paramref name="name"/>'s body on <paramref name="issuer"/>.</summary>
    public static void ShouldEqualFigure(this byte[] written, string name, string issuer)
    {
        using var expected = JsonDocument.Parse(SsfTransmitterStub.FigureBody(name, issuer));
        using var actual = JsonDocument.Parse(written);
        JsonElement.DeepEquals(expected.RootElement, actual.RootElement).Should().BeTrue($"expected figure {name}, got {Encoding.UTF8.GetString(written)}");
    }

    /// <summary>The request body of figure <paramref name="name"/> as UTF-8 JSON.</summary>
    public static byte[] RequestBody(string name) => Encoding.UTF8.GetBytes(Vectors.Named(name).Data.GetProperty("body").GetRawText());

    /// <summary>The requests after discovery.</summary>
    public static List<StubRequest> Management(this SsfTransmitterStub stub) =>
        stub.Requests.Where(r => !r.Target.StartsWith("/.well-known/", StringComparison.Ordinal)).ToList();
}
