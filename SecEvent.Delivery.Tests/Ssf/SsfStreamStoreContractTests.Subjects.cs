using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Subjects;
using static SecEvent.Delivery.Tests.Ssf.SsfStreamStoreKit;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>A stream's subjects: by equality, in the order first added.</summary>
public abstract partial class SsfStreamStoreContractTests
{
    [Test]
    public async Task SSF_33_AddSubjectAsync_Subjects_ListedInTheOrderFirstAddedWithTheLatestFlagAndTime()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);

        (await Store.AddSubjectAsync("s1", Subject("b@example.com"))).Should().BeTrue();
        await Store.AddSubjectAsync("s1", Subject("a@example.com"));
        (await Store.AddSubjectAsync("s1", Subject("b@example.com", verified: false, Start.AddMinutes(1)))).Should().BeTrue("adding again replaces");

        (await Store.ListSubjectsAsync("s1")).Should().Equal(
            Subject("b@example.com", verified: false, Start.AddMinutes(1)),
            Subject("a@example.com"));
    }

    [Test]
    public async Task SSF_34_AddSubjectAsync_ExcludedFlag_KeptAndClearedByAddingAgain()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);

        await Store.AddSubjectAsync("s1", Subject("a@example.com") with { Excluded = true });
        (await Store.ListSubjectsAsync("s1")).Single().Excluded.Should().BeTrue();

        await Store.AddSubjectAsync("s1", Subject("a@example.com"));
        (await Store.ListSubjectsAsync("s1")).Single().Excluded.Should().BeFalse();
    }

    [Test]
    public async Task SSF_33_AddSubjectAsync_NoSuchStream_FalseAndNothingStored()
    {
        (await Store.AddSubjectAsync("s1", Subject("a@example.com"))).Should().BeFalse();

        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        (await Store.ListSubjectsAsync("s1")).Should().BeEmpty();
        (await Store.ListSubjectsAsync("s2")).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_33_AddSubjectAsync_TwoStreams_SubjectsKeptApart()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        await Store.CreateAsync(Stream("s2"), onlyStreamOfReceiver: false);

        await Store.AddSubjectAsync("s1", Subject("a@example.com"));
        await Store.AddSubjectAsync("s2", Subject("a@example.com", verified: false));
        await Store.RemoveSubjectAsync("s2", Email("a@example.com"));

        (await Store.ListSubjectsAsync("s1")).Should().Equal(Subject("a@example.com"));
        (await Store.ListSubjectsAsync("s2")).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_32_33_AddSubjectAsync_ComplexSubjectWithMembersInAnotherOrder_TheSameSubject()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        var userFirst = Complex(("user", Email("a@example.com")), ("tenant", Tenant));
        var tenantFirst = Complex(("tenant", Tenant), ("user", Email("a@example.com")));

        await Store.AddSubjectAsync("s1", new SsfStreamSubject(userFirst, true, Start));
        await Store.AddSubjectAsync("s1", new SsfStreamSubject(tenantFirst, false, Start.AddMinutes(1)));

        var subject = (await Store.ListSubjectsAsync("s1")).Should().ContainSingle().Subject;
        subject.Subject.Should().Be(userFirst);
        subject.Verified.Should().BeFalse();
        (await Store.RemoveSubjectAsync("s1", userFirst)).Should().BeTrue();
        (await Store.ListSubjectsAsync("s1")).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_32_AddSubjectAsync_ComplexSubjectsThatMatchButDiffer_KeptAsTwo()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        var user = Complex(("user", Email("a@example.com")));
        var userOfTenant = Complex(("user", Email("a@example.com")), ("tenant", Tenant));
        user.Matches(userOfTenant).Should().BeTrue("SSF-32 matching is the publisher's rule, not the store's identity");

        await Store.AddSubjectAsync("s1", new SsfStreamSubject(user, true, Start));
        await Store.AddSubjectAsync("s1", new SsfStreamSubject(userOfTenant, true, Start));
        await Store.AddSubjectAsync("s1", new SsfStreamSubject(Email("a@example.com"), true, Start));

        (await Store.ListSubjectsAsync("s1")).Select(s => s.Subject).Should().Equal(user, userOfTenant, Email("a@example.com"));
    }

    [Test]
    public async Task SSF_34_RemoveSubjectAsync_Subject_OnlyThatOneGoes()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        await Store.AddSubjectAsync("s1", Subject("a@example.com"));
        await Store.AddSubjectAsync("s1", Subject("b@example.com"));
        await Store.AddSubjectAsync("s1", Subject("c@example.com"));

        (await Store.RemoveSubjectAsync("s1", Email("b@example.com"))).Should().BeTrue();
        (await Store.RemoveSubjectAsync("s1", Email("b@example.com"))).Should().BeFalse();
        (await Store.RemoveSubjectAsync("s1", Email("A@example.com"))).Should().BeFalse("equality is ordinal");
        (await Store.RemoveSubjectAsync("s2", Email("a@example.com"))).Should().BeFalse();

        (await Store.ListSubjectsAsync("s1")).Select(s => s.Subject).Should().Equal(Email("a@example.com"), Email("c@example.com"));
    }

    [Test]
    public async Task SSF_34_AddSubjectAsync_RemovedThenAddedAgain_ListedLast()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        await Store.AddSubjectAsync("s1", Subject("a@example.com"));
        await Store.AddSubjectAsync("s1", Subject("b@example.com"));

        await Store.RemoveSubjectAsync("s1", Email("a@example.com"));
        await Store.AddSubjectAsync("s1", Subject("a@example.com"));

        (await Store.ListSubjectsAsync("s1")).Select(s => s.Subject).Should().Equal(Email("b@example.com"), Email("a@example.com"));
    }
}
