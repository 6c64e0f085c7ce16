using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>Stands in for the transmitter's verification endpoint: keeps the <c>state</c> of the last request and answers at once.</summary>
internal sealed class VerificationRequests
{
    /// <summary>The <c>state</c> of the last request, or <see langword="null"/> before one.</summary>
    public string? State { get; private set; }

    /// <summary>Fits <see cref="SsfStreamEventSink.VerifyAsync"/>'s request delegate.</summary>
    public Task RecordAsync(SsfVerificationRequest request, CancellationToken cancellationToken)
    {
        State = request.State;
        return Task.CompletedTask;
    }
}
