using System.IO.Compression;
using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Tests.PublicApi;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Packaging;

/// <summary>
/// Packs the shipped packages into a folder feed, checks what each carries, and uses them the way a newcomer would:
/// a fresh project restores them offline from that feed and runs, and the tool installs and answers.
/// </summary>
[Category("Packaging")]
[NonParallelizable]
public class PackagingTests
{
    private static readonly string[] Libraries = PublicApiTests.ShippedLibraries;
    private const string Tool = "secevent";

    private string _root = "";
    private string _feed = "";
    private string _version = "";
    private string _nugetConfig = "";
    private Dictionary<string, string> _isolatedRestore = [];

    [OneTimeSetUp]
    public async Task PackIntoFolderFeed()
    {
        _root = Path.Combine(Path.GetTempPath(), "secevent-pack-" + Guid.NewGuid().ToString("N"));
        _feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(_feed);
        _version = XDocument.Load(PublicApiListing.PathInRepository("Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value;

        // Build outputs go under the temp folder, so packing never races the solution's own bin and obj folders.
        string[] projects = [.. Libraries.Select(l => $"{l}/{l}.csproj"), "samples/SecEvent.Cli/SecEvent.Cli.csproj"];
        foreach (var project in projects)
        {
            var pack = await DotnetCommand.RunAsync("dotnet",
                ["pack", PublicApiListing.PathInRepository(project), "-c", "Release", "-o", _feed,
                 "--artifacts-path", Path.Combine(_root, "artifacts"), "--disable-build-servers"],
                _root);
            pack.ExitCode.Should().Be(0, $"dotnet pack {project} failed:\n{pack.Output}");
        }

        // The consumer sees only the feed and the packages this machine already restored, extracted into a
        // packages folder of its own so a package from an earlier run can never stand in for the one just packed.
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        _nugetConfig = Path.Combine(_root, "nuget.config");
        new XDocument(new XElement("configuration",
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "feed"), new XAttribute("value", _feed)),
                new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machinePackages))),
            new XElement("fallbackPackageFolders", new XElement("clear")))).Save(_nugetConfig);
        _isolatedRestore = new() { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };
    }

    [OneTimeTearDown]
    public void DeleteFeed()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [TestCase("SecEvent.Tokens", "SecEvent.Tokens/README.md")]
    [TestCase("SecEvent.Delivery", "SecEvent.Delivery/README.md")]
    [TestCase("SecEvent.Delivery.Sqlite", "SecEvent.Delivery.Sqlite/README.md")]
    [TestCase(Tool, "samples/SecEvent.Cli/README.md")]
    public void Package_CarriesReadmeLicenseDocsSourceLinkAndSymbols(string id, string readme)
    {
        var package = Path.Combine(_feed, $"{id}.{_version}.nupkg");
        File.Exists(package).Should().BeTrue($"{id} {_version} should be in the feed");
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();

        var nuspec = XDocument.Load(zip.GetEntry($"{id}.nuspec")!.Open()).Root!;
        var ns = nuspec.Name.Namespace;
        var metadata = nuspec.Element(ns + "metadata")!;
        metadata.Element(ns + "id")!.Value.Should().Be(id);
        metadata.Element(ns + "version")!.Value.Should().Be(_version);
        metadata.Element(ns + "description")!.Value.Should().NotBeNullOrWhiteSpace();
        metadata.Element(ns + "tags")!.Value.Should().Contain("security-event-token");
        var license = metadata.Element(ns + "license")!;
        license.Attribute("type")!.Value.Should().Be("expression");
        license.Value.Should().Be("MIT");

        metadata.Element(ns + "readme")!.Value.Should().Be("README.md");
        using (var reader = new StreamReader(zip.GetEntry("README.md")!.Open()))
        {
            reader.ReadToEnd().ReplaceLineEndings("\n").Should().Be(
                File.ReadAllText(PublicApiListing.PathInRepository(readme)).ReplaceLineEndings("\n"),
                "each package carries the README beside its own project");
        }

        var repository = metadata.Element(ns + "repository")!;
        repository.Attribute("type")!.Value.Should().Be("git");
        repository.Attribute("url")!.Value.Should().StartWith("https://");
        if (Directory.Exists(PublicApiListing.PathInRepository(".git")) || File.Exists(PublicApiListing.PathInRepository(".git")))
        {
            repository.Attribute("commit")?.Value.Should().MatchRegex("^[0-9a-f]{40}$", "Source Link records the commit a package was built from");
        }

        var folder = id == Tool ? "tools/net10.0/any" : "lib/net10.0";
        var assembly = id == Tool ? "secevent" : id;
        entries.Should().Contain([$"{folder}/{assembly}.dll", $"{folder}/{assembly}.xml"]);

        var symbols = Path.Combine(_feed, $"{id}.{_version}.snupkg");
        File.Exists(symbols).Should().BeTrue($"{id} ships a symbols package");
        using var symbolZip = ZipFile.OpenRead(symbols);
        symbolZip.Entries.Select(e => e.FullName).Should().Contain($"{folder}/{assembly}.pdb");
    }

    [Test]
    public void ToolPackage_IsADotnetToolNamedSecevent()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, $"{Tool}.{_version}.nupkg"));
        var nuspec = XDocument.Load(zip.GetEntry($"{Tool}.nuspec")!.Open());
        nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")?.Value)
            .Should().Equal("DotnetTool");
        var settings = XDocument.Load(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        settings.Descendants("Command").Single().Attribute("Name")!.Value.Should().Be("secevent");
    }

    [Test]
    public async Task Consumer_RestoresTheLibrariesOfflineFromTheFeedAndRuns()
    {
        var project = Path.Combine(_root, "consumer");
        Directory.CreateDirectory(project);
        foreach (var file in Directory.GetFiles(PublicApiListing.PathInRepository("SecEvent.Delivery.Tests/Packaging/Consumer")))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }

        File.Copy(_nugetConfig, Path.Combine(project, "nuget.config"));

        var run = await DotnetCommand.RunAsync("dotnet",
            ["run", "-p:SecEventVersion=" + _version, "--disable-build-servers"], project, _isolatedRestore);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("tokens: validated").And.Contain("delivery: replay store holds 1")
            .And.Contain("sqlite: replay store holds the jti");
        Directory.GetDirectories(Path.Combine(_root, "packages"))
            .Select(Path.GetFileName).Should().Contain(Libraries.Select(l => l.ToLowerInvariant()),
                "the libraries come from the feed as packages");
    }

    [Test]
    public async Task Tool_InstallsOfflineFromTheFeedAndAnswersHelp()
    {
        var toolPath = Path.Combine(_root, "tools");
        var install = await DotnetCommand.RunAsync("dotnet",
            ["tool", "install", Tool, "--version", _version, "--tool-path", toolPath, "--configfile", _nugetConfig],
            _root, _isolatedRestore);
        install.ExitCode.Should().Be(0, install.Output);

        var help = await DotnetCommand.RunAsync(Path.Combine(toolPath, Tool), ["--help"], _root);

        help.ExitCode.Should().Be(0, help.Output);
        help.Output.Should().Contain("keygen").And.Contain("sign").And.Contain("verify").And.Contain("decode");
    }
}
