using System.Text.Json;
using FluentAssertions;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>Streams, subjects and held SETs for the stream store tests.</summary>
internal static class SsfStreamStoreKit
{
    public const string ReceiverA = "receiver-a";
    public const string ReceiverB = "receiver-b";

    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly SubjectIdentifier Tenant = new IssuerSubjectIdentifier { Issuer = "https://idp.example.com", Subject = "tenant-1" };

    /// <summary>A valid poll stream of <paramref name="receiver"/>, every member set.</summary>
    public static SsfStream Stream(string id, string receiver = ReceiverA, string status = SsfStreamStatuses.Enabled) => new()
    {
        Configuration = new SsfStreamConfiguration
        {
            StreamId = id,
            Issuer = "https://tr.example.com",
            Audience = ["https://rx.example.com"],
            EventsSupported = [SecurityEventTypes.SsfVerification, SecurityEventTypes.SsfStreamUpdated],
            EventsRequested = [SecurityEventTypes.SsfVerification],
            EventsDelivered = [SecurityEventTypes.SsfVerification],
            Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Poll, EndpointUrl = $"https://tr.example.com/poll/{id}" },
            MinVerificationInterval = 30,
            Description = "a stream",
            InactivityTimeout = 3600,
            AdditionalMembers = new Dictionary<string, JsonElement> { ["x_vendor"] = JsonDocument.Parse("""{"a":[1,2]}""").RootElement.Clone() },
        },
        ReceiverId = receiver,
        Status = status,
        Reason = status == SsfStreamStatuses.Enabled ? null : "asked",
        CreatedAt = Start,
        LastActivityAt = Start.AddSeconds(5),
        LastVerificationRequestedAt = Start.AddSeconds(7),
    };

    public static string Json(SsfStream stream) => System.Text.Encoding.UTF8.GetString(stream.Configuration.ToUtf8Json());

    public static void ShouldBeAsStored(SsfStream? actual, SsfStream expected)
    {
        actual.Should().NotBeNull();
        actual!.Should().BeEquivalentTo(expected, o => o.Excluding(s => s.Configuration));
        Json(actual!).Should().Be(Json(expected));
    }

    public static EmailSubjectIdentifier Email(string address) => new() { Email = address };

    public static SsfStreamSubject Subject(string email, bool verified = true, DateTimeOffset? at = null) => new(Email(email), verified, at ?? Start);

    /// <summary>A complex subject whose members are given in the order of <paramref name="members"/>.</summary>
    public static ComplexSubjectIdentifier Complex(params (string Name, SubjectIdentifier Value)[] members) =>
        new() { Members = new OrderedDictionary<string, SubjectIdentifier>(members.Select(m => KeyValuePair.Create(m.Name, m.Value)), StringComparer.Ordinal) };

    public static SsfHeldEvent Held(string jti, string? orderingKey = "user-1", long sequence = 0) =>
        new(sequence, $"header.{jti}.signature", jti, orderingKey, Start.AddSeconds(1));
}
