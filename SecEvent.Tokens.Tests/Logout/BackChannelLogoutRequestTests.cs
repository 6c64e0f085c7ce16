using System.Text;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Logout;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary><see cref="BackChannelLogoutRequest"/>: the form body, content type and logout URI of §2.2 and §2.5.</summary>
public class BackChannelLogoutRequestTests
{
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln";

    [Test]
    public void CreateBody_Token_IsTheLogoutTokenParameterBCL07()
    {
        BackChannelLogoutRequest.CreateBody(Token).Should().Be("logout_token=" + Token);
        BackChannelLogoutRequest.MediaType.Should().Be("application/x-www-form-urlencoded");
    }

    [TestCase("a b+c&d=e%f/é")]
    [TestCase(Token)]
    public void CreateBody_AnyValue_ReadsBackUnchangedBCL07(string value)
    {
        var body = BackChannelLogoutRequest.CreateBody(value);

        BackChannelLogoutRequest.TryReadLogoutToken(body, out var token, out _).Should().BeTrue();
        token.Should().Be(value);
    }

    [Test]
    public void CreateBody_Empty_Throws()
    {
        FluentActions.Invoking(() => BackChannelLogoutRequest.CreateBody("")).Should().Throw<ArgumentException>();
    }

    [Test]
    public void TryReadLogoutToken_Section25RequestShape_ReadsTheParameterBCL07()
    {
        var data = Support.Vectors.Named("oidc-bcl-sec2.5-logout-request").Data;
        var contentType = data.GetProperty("headers").EnumerateArray().Single(h => h[0].GetString() == "Content-Type")[1].GetString();
        var body = data.GetProperty("body").GetString()!;

        data.GetProperty("method").GetString().Should().Be("POST");
        BackChannelLogoutRequest.IsFormContentType(contentType).Should().BeTrue();
        BackChannelLogoutRequest.TryReadLogoutToken(body, out var token, out var error).Should().BeTrue(error);
        token.Should().Be("eyJhbGci ... .eyJpc3Mi ... .T3BlbklE ...");
    }

    [TestCase("state=abc&logout_token=" + Token + "&iss=https%3A%2F%2Fop")]
    [TestCase("logout_token=" + Token + "&&foo&bar=%zz")]
    [TestCase("&logout_token=" + Token + "&")]
    [TestCase("logout%5Ftoken=" + Token)]
    public void TryReadLogoutToken_OtherParametersAround_IgnoredBCL07(string body)
    {
        BackChannelLogoutRequest.TryReadLogoutToken(Encoding.UTF8.GetBytes(body), out var token, out var error).Should().BeTrue(error);
        token.Should().Be(Token);
    }

    [TestCase("logout_token=a+b", "a b")]
    [TestCase("logout_token=a%2Bb", "a+b")]
    [TestCase("logout_token=a%2bb%20c", "a+b c")]
    [TestCase("logout_token=%C3%A9", "é")]
    [TestCase("logout_token=x=y", "x=y")]
    public void TryReadLogoutToken_FormEscapes_DecodedBCL07(string body, string expected)
    {
        BackChannelLogoutRequest.TryReadLogoutToken(Encoding.UTF8.GetBytes(body), out var token, out var error).Should().BeTrue(error);
        token.Should().Be(expected);
    }

    [TestCase("logout_token=" + Token + "&logout_token=" + Token, "more than once")]
    [TestCase("logout_token=&logout_token=" + Token, "more than once")]
    [TestCase("logout_token=" + Token + "&logout%5ftoken=x", "more than once")]
    [TestCase("token=" + Token, "no 'logout_token'")]
    [TestCase("", "no 'logout_token'")]
    [TestCase("Logout_Token=" + Token, "no 'logout_token'")]
    [TestCase("logout_token=", "empty")]
    [TestCase("logout_token", "empty")]
    [TestCase("logout_token=abc%", "percent-escape")]
    [TestCase("logout_token=abc%4", "percent-escape")]
    [TestCase("logout_token=abc%zz", "percent-escape")]
    [TestCase("logout_token=%C3", "percent-escape")]
    [TestCase("logout%token=" + Token, "percent-escape")]
    public void TryReadLogoutToken_MalformedBody_RefusedBCL07(string body, string reason)
    {
        BackChannelLogoutRequest.TryReadLogoutToken(Encoding.UTF8.GetBytes(body), out var token, out var error).Should().BeFalse();
        token.Should().BeNull();
        error.Should().Contain(reason).And.NotContain(Token);
    }

    [Test]
    public void TryReadLogoutToken_LargerThanTheBound_RefusedBCL07()
    {
        var body = BackChannelLogoutRequest.CreateBody(new string('a', 100));

        BackChannelLogoutRequest.TryReadLogoutToken(Encoding.UTF8.GetBytes(body), out _, out var error, maximumBodySize: 100).Should().BeFalse();
        error.Should().Contain("larger than 100");
        BackChannelLogoutRequest.TryReadLogoutToken(body, out _, out _, maximumBodySize: 100).Should().BeFalse();
        BackChannelLogoutRequest.TryReadLogoutToken(body, out _, out _, maximumBodySize: body.Length).Should().BeTrue();
    }

    [Test]
    public void TryReadLogoutToken_DefaultBound_Refuses64KiBPlusOne()
    {
        var body = new byte[BackChannelLogoutRequest.DefaultMaximumBodySize + 1];
        "logout_token=a"u8.CopyTo(body);
        body.AsSpan(14).Fill((byte)'a');

        BackChannelLogoutRequest.TryReadLogoutToken(body, out _, out var error).Should().BeFalse();
        error.Should().Contain("larger than");
    }

    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("Application/X-WWW-Form-Urlencoded")]
    [TestCase("application/x-www-form-urlencoded; charset=utf-8")]
    [TestCase("application/x-www-form-urlencoded;charset=ISO-8859-1")]
    [TestCase(" application/x-www-form-urlencoded ; foo=bar")]
    public void IsFormContentType_FormMediaType_TrueBCL07(string contentType)
    {
        BackChannelLogoutRequest.IsFormContentType(contentType).Should().BeTrue();
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("application/json")]
    [TestCase("application/logout+jwt")]
    [TestCase("multipart/form-data; boundary=x")]
    [TestCase("application/x-www-form-urlencoded-extra")]
    [TestCase("text/plain; x=application/x-www-form-urlencoded")]
    public void IsFormContentType_OtherOrMissing_FalseBCL07(string? contentType)
    {
        BackChannelLogoutRequest.IsFormContentType(contentType).Should().BeFalse();
    }

    [TestCase("https://rp.example.org/backchannel_logout", false)]
    [TestCase("https://rp.example.org/logout?tenant=a&x=1", false)]
    [TestCase("http://rp.example.org/logout", true)]
    public void CheckLogoutUri_Acceptable_NullBCL02(string uri, bool allowHttp)
    {
        BackChannelLogoutRequest.CheckLogoutUri(new Uri(uri, UriKind.RelativeOrAbsolute), allowHttp).Should().BeNull();
    }

    [TestCase("/backchannel_logout", false, "absolute")]
    [TestCase("https://rp.example.org/logout#frag", false, "fragment")]
    [TestCase("https://rp.example.org/logout#", false, "fragment")]
    [TestCase("http://rp.example.org/logout", false, "https")]
    [TestCase("ftp://rp.example.org/logout", true, "https")]
    public void CheckLogoutUri_Unacceptable_ProblemBCL02(string uri, bool allowHttp, string reason)
    {
        BackChannelLogoutRequest.CheckLogoutUri(new Uri(uri, UriKind.RelativeOrAbsolute), allowHttp).Should().Contain(reason);
    }
}
