namespace SecEvent.Delivery.Ssf;

/// <summary>The stream management endpoints a transmitter publishes in its configuration (OpenID SSF 1.0 §7.1).</summary>
public enum SsfManagementEndpoint
{
    /// <summary><c>configuration_endpoint</c>: create (POST), read (GET), update (PATCH), replace (PUT), delete (DELETE).</summary>
    Configuration,

    /// <summary><c>status_endpoint</c>: read (GET) and update (POST) a stream's status.</summary>
    Status,

    /// <summary><c>add_subject_endpoint</c>: POST.</summary>
    AddSubject,

    /// <summary><c>remove_subject_endpoint</c>: POST.</summary>
    RemoveSubject,

    /// <summary><c>verification_endpoint</c>: POST.</summary>
    Verification,
}
