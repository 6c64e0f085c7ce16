using SecEvent.Delivery.Outbox;

namespace SecEvent.Transmitter;

/// <summary>Runs the outbox dispatcher for the life of the host: the whole of the hosting side of assured delivery.</summary>
internal sealed class OutboxDispatcherService(OutboxDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
