namespace SecEvent.Delivery.Poll;

/// <summary>What the poll bodies share.</summary>
internal static class PollJson
{
    /// <summary>The media type of poll requests and responses (RFC 8936 §2).</summary>
    public const string MediaType = "application/json";
}
