using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using static SecEvent.Delivery.Tests.Push.PushTestKit;

namespace SecEvent.Delivery.Tests.Push;

[Parallelizable(ParallelScope.All)]
public class PushServiceCollectionExtensionsTests
{
    [Test]
    public async Task PUSH07_AddSecurityEventPushClient_ResolvesWorkingClient()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => PushTestKit.RespondAsync(c, 202));
        var services = new ServiceCollection();
        var builder = services.AddSecurityEventPushClient(o => o.MaxRetryAttempts = 1);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<PushClient>().PushAsync(Set, recipient.Endpoint());

        builder.Name.Should().Be(nameof(PushClient));
        result.Outcome.Should().Be(PushOutcome.Delivered);
        recipient.Requests.Should().ContainSingle().Which.ContentType.Should().Be("application/secevent+jwt");
    }

    [Test]
    public async Task PUSH07_AddSecurityEventPushClient_PrimaryHandlerDoesNotFollowRedirects()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) =>
        {
            if (c.Request.Path == "/moved")
            {
                return PushTestKit.RespondAsync(c, 202);
            }

            c.Response.Headers.Location = "/moved";
            return PushTestKit.RespondAsync(c, 307);
        });
        var services = new ServiceCollection();
        services.AddSecurityEventPushClient();
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<PushClient>().PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        recipient.Count.Should().Be(1);
    }

    [Test]
    public async Task AddSecurityEventPushClient_CalledTwice_OneClientBothConfigurationsAndSharedCircuits()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => PushTestKit.RespondAsync(c, 500));
        var services = new ServiceCollection();
        services.AddSecurityEventPushClient(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.UseJitter = false;
        });
        services.AddSecurityEventPushClient(o =>
        {
            o.MaxRetryAttempts = 3;
            o.CircuitBreakerMinimumThroughput = 2;
            o.CircuitBreakerFailureRatio = 1;
        });
        await using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(PushClient)).Should().Be(1);
        var first = await provider.GetRequiredService<PushClient>().PushAsync(Set, recipient.Endpoint());
        var second = await provider.GetRequiredService<PushClient>().PushAsync(Set, recipient.Endpoint());

        first.Attempts.Should().Be(2, "the circuit opened after two failures");
        second.Attempts.Should().Be(0, "a newly resolved client shares the endpoint's open circuit");
        recipient.Count.Should().Be(2);
    }

    [Test]
    public void AddSecurityEventPushClient_HttpClientTimeout_IsInfinite()
    {
        var services = new ServiceCollection();
        services.AddSecurityEventPushClient();
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PushClient));

        client.Timeout.Should().Be(Timeout.InfiniteTimeSpan);
    }
}
