using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.PublicApi;

public class PublicApiTests
{
    /// <summary>The libraries shipped as packages, each with a <c>PublicAPI.txt</c> beside its project.</summary>
    public static readonly string[] ShippedLibraries = ["SecEvent.Tokens", "SecEvent.Delivery", "SecEvent.Delivery.Sqlite"];

    [TestCaseSource(nameof(ShippedLibraries))]
    public void PublicSurface_MatchesCheckedInListing(string package)
    {
        var assembly = System.Reflection.Assembly.Load(package);
        var diff = PublicApiListing.Compare(assembly, PublicApiListing.PathInRepository($"{package}/PublicAPI.txt"));
        diff.Should().BeEmpty($"the public API of {package} changed; review it, then run the tests once with SECEVENT_UPDATE_API=1 to accept it");
    }

    [Test]
    public void EveryLibraryProject_IsListedHereAndHasAListing()
    {
        // The libraries are the projects at the root of the clone other than tests (Directory.Build.props packs them).
        var root = new DirectoryInfo(PublicApiListing.PathInRepository("."));
        var libraries = root.EnumerateDirectories()
            .Where(d => d.EnumerateFiles($"{d.Name}.csproj").Any() && !d.Name.EndsWith(".Tests", StringComparison.Ordinal))
            .Select(d => d.Name);

        libraries.Should().BeEquivalentTo(ShippedLibraries, "every shipped library has its public surface checked");
        ShippedLibraries.Should().OnlyContain(l => File.Exists(Path.Combine(root.FullName, l, "PublicAPI.txt")));
    }
}
