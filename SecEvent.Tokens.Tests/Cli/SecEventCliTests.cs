using FluentAssertions;
using NUnit.Framework;
using SecEvent.Cli;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>The tool as a whole: command-line parsing, exit codes and where output goes.</summary>
public class SecEventCliTests
{
    private static IEnumerable<TestCaseData> UsageErrors()
    {
        yield return new TestCaseData((object)Array.Empty<string>()).SetName("RunAsync_NoCommand_ExitsWith2");
        yield return new TestCaseData((object)new[] { "frobnicate" }).SetName("RunAsync_UnknownCommand_ExitsWith2");
        yield return new TestCaseData((object)new[] { "decode", "--bogus" }).SetName("RunAsync_UnknownOption_ExitsWith2");
        yield return new TestCaseData((object)new[] { "decode", "extra-argument" }).SetName("RunAsync_UnexpectedArgument_ExitsWith2");
        yield return new TestCaseData((object)new[] { "sign" }).SetName("RunAsync_SignWithoutKey_ExitsWith2");
        yield return new TestCaseData((object)new[] { "sign", "--key" }).SetName("RunAsync_KeyWithoutValue_ExitsWith2");
        yield return new TestCaseData((object)new[] { "verify" }).SetName("RunAsync_VerifyWithoutJwks_ExitsWith2");
        yield return new TestCaseData((object)new[] { "keygen", "--alg", "FOO", "--out", "k.jwk" }).SetName("RunAsync_KeygenAlgFoo_ExitsWith2");
        yield return new TestCaseData((object)new[] { "verify", "--jwks", "k.jwks", "--alg", "FOO" }).SetName("RunAsync_VerifyAlgFoo_ExitsWith2");
        yield return new TestCaseData((object)new[] { "sign", "--key", "k.jwk", "--profile", "bogus" }).SetName("RunAsync_SignProfileBogus_ExitsWith2");
        yield return new TestCaseData((object)new[] { "verify", "--jwks", "k.jwks", "--profile", "bogus" }).SetName("RunAsync_VerifyProfileBogus_ExitsWith2");
        yield return new TestCaseData((object)new[] { "sign", "--key", "k.jwk", "--profile", "SSF" }).SetName("RunAsync_ProfileInCapitals_ExitsWith2");
    }

    [TestCaseSource(nameof(UsageErrors))]
    public async Task RunAsync_UsageError_ExitsWith2AndExplainsOnStderr(string[] args)
    {
        var result = await CliRun.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty("usage errors go to stderr only");
        result.Stderr.Should().StartWith("secevent: ").And.Contain("--help");
    }

    [Test]
    public async Task RunAsync_UsageError_ReportsEachProblemOnOneLine()
    {
        var result = await CliRun.RunAsync("keygen", "--alg", "FOO", "--out", "k.jwk");

        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(line => line.StartsWith("secevent: ", StringComparison.Ordinal));
        result.Stderr.Should().Contain("FOO").And.Contain("ES256");
    }

    [TestCase("--help")]
    [TestCase("sign", "--help")]
    [TestCase("verify", "-h")]
    public async Task RunAsync_Help_PrintsUsageOnStdoutAndExitsWith0(params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("Usage:");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task RunAsync_Help_ListsEveryCommand()
    {
        var result = await CliRun.RunAsync("--help");

        result.Stdout.Should().Contain("keygen").And.Contain("sign").And.Contain("verify").And.Contain("decode");
    }

    [Test]
    public async Task RunAsync_AtSignArgument_IsNotAResponseFile()
    {
        using var folder = new TempFolder();
        var responseFile = folder.Write("args.rsp", "--help");

        var result = await CliRun.WithStdinAsync(Some.Hs256(), "decode", "--in", "-", "@" + responseFile);

        result.ExitCode.Should().Be(2, "'@file' is an unexpected argument, not a file of more arguments");
        result.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task RunAsync_Cancelled_ExitsWith130()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SecEventCli.RunAsync(["decode"], new StringReader("a.b.c"), output, error, cancellationToken: cancellation.Token);

        code.Should().Be(130);
        output.ToString().Should().BeEmpty();
    }

    [Test]
    public async Task RunAsync_NullArguments_Throw()
    {
        var act = () => SecEventCli.RunAsync(null!, TextReader.Null, TextWriter.Null, TextWriter.Null);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }
}
