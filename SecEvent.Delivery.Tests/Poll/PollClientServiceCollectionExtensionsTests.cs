using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary><see cref="PollServiceCollectionExtensions.AddSecurityEventPollClient"/>.</summary>
[Parallelizable(ParallelScope.All)]
public class PollClientServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddSecurityEventPollClient_ResolvesOneWorkingClientWithTheRegisteredSink()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        var sink = new RecordingSink();
        var services = new ServiceCollection();
        services.AddSingleton<ISecurityEventSink>(sink);
        var builder = services.AddSecurityEventPollClient(o =>
        {
            o.Endpoint = transmitter.Endpoint();
            o.ValidationParameters = PushSets.Parameters();
            o.ReturnImmediately = true;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<PollClient>();
        var round = await client.PollOnceAsync();

        builder.Name.Should().Be(nameof(PollClient));
        provider.GetRequiredService<PollClient>().Should().BeSameAs(client, "the client keeps what it owes between rounds");
        round.Accepted.Should().Be(1);
        sink.Accepted.Single().JwtId.Should().Be("a");
    }

    [Test]
    public async Task AddSecurityEventPollClient_RegisteredReplayStore_UsedWhenOptionsHaveNone()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        var store = new InMemorySecurityEventReplayStore();
        await store.AddAsync(PushSets.Issuer, "a", DateTimeOffset.MaxValue, default);
        var sink = new RecordingSink();
        var services = new ServiceCollection();
        services.AddSingleton<ISecurityEventSink>(sink);
        services.AddSingleton<ISecurityEventReplayStore>(store);
        services.AddSecurityEventPollClient(o =>
        {
            o.Endpoint = transmitter.Endpoint();
            o.ValidationParameters = PushSets.Parameters();
            o.ReturnImmediately = true;
        });
        await using var provider = services.BuildServiceProvider();

        var round = await provider.GetRequiredService<PollClient>().PollOnceAsync();

        round.Duplicates.Should().Be(1);
        sink.Calls.Should().Be(0);
    }

    [Test]
    public async Task POLL_10_AddSecurityEventPollClient_PrimaryHandlerDoesNotFollowRedirects()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = async (poll, context) =>
        {
            context.Response.Headers.Location = "/moved";
            await FakeTransmitter.WriteAsync(context, 307, body: null);
            return true;
        };
        var services = new ServiceCollection();
        services.AddSingleton<ISecurityEventSink>(new RecordingSink());
        services.AddSecurityEventPollClient(o =>
        {
            o.Endpoint = transmitter.Endpoint();
            o.ValidationParameters = PushSets.Parameters();
        });
        await using var provider = services.BuildServiceProvider();

        var poll = () => provider.GetRequiredService<PollClient>().PollOnceAsync().AsTask();

        (await poll.Should().ThrowAsync<PollException>()).Which.Failure.Should().Be(PollFailure.Protocol);
        transmitter.Count.Should().Be(1);
    }

    [Test]
    public void AddSecurityEventPollClient_CalledTwice_OneClientBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISecurityEventSink>(new RecordingSink());
        services.AddSecurityEventPollClient(o => o.Endpoint = new PollEndpoint(new Uri("https://transmitter.example.com/poll")));
        var builder = services.AddSecurityEventPollClient(o => o.ValidationParameters = PushSets.Parameters());
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<PollClient>();

        services.Count(d => d.ServiceType == typeof(PollClient)).Should().Be(1);
        builder.Name.Should().Be(nameof(PollClient));
        resolve.Should().NotThrow("the endpoint and the validation parameters come from the two calls");
    }

    [Test]
    public void AddSecurityEventPollClient_HttpClientTimeout_IsInfinite()
    {
        var services = new ServiceCollection();
        services.AddSecurityEventPollClient();
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PollClient));

        client.Timeout.Should().Be(Timeout.InfiniteTimeSpan);
    }
}
