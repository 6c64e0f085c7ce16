namespace SecEvent.Delivery.Push;

/// <summary>
/// The bounded, already read body of a 400 push response, with the RFC 8935 §2.3 error parsed from it. It replaces the
/// network content inside the attempt, so the response stays classifiable after the attempt timeout has passed.
/// </summary>
internal sealed class BufferedErrorContent : ByteArrayContent
{
    public BufferedErrorContent(byte[] body, int length, PushErrorBody error)
        : base(body, 0, length)
    {
        Error = error;
    }

    public PushErrorBody Error { get; }
}
