namespace SecEvent.Delivery.Push;

/// <summary>The verdict of a push receiver's authentication or authorization hook.</summary>
public sealed class PushAuthorizationResult
{
    private PushAuthorizationResult(string? description) => Description = description;

    /// <summary>The request may proceed.</summary>
    public static PushAuthorizationResult Allowed { get; } = new(null);

    /// <summary>Whether the request may proceed.</summary>
    public bool Succeeded => Description is null;

    /// <summary>Why the request was refused, sent to the transmitter; <see langword="null"/> when allowed.</summary>
    public string? Description { get; }

    /// <summary>Refuses the request.</summary>
    /// <param name="description">English text for the transmitter's operators. It is sent in the response: never put a credential in it.</param>
    /// <returns>A refusal.</returns>
    public static PushAuthorizationResult Refused(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return new(description);
    }
}
