using SecEvent.Delivery.Poll;

namespace SecEvent.Receiver;

/// <summary>
/// Polls a transmitter for the life of the host (RFC 8936): the whole of the hosting side of a poll receiver. On
/// shutdown the client acknowledges what it kept before returning.
/// </summary>
internal sealed class PollReceiverService(PollClient client) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => client.RunAsync(stoppingToken);
}
