namespace SecEvent.Delivery.Ssf;

/// <summary>The stream management operations of OpenID SSF 1.0 §8.1, each with its own status codes.</summary>
public enum SsfStreamOperation
{
    /// <summary>Create a stream: POST to the configuration endpoint (§8.1.1.1).</summary>
    Create,

    /// <summary>Read one stream or all of them: GET on the configuration endpoint (§8.1.1.2).</summary>
    Read,

    /// <summary>Update a stream: PATCH on the configuration endpoint (§8.1.1.3).</summary>
    Update,

    /// <summary>Replace a stream: PUT on the configuration endpoint (§8.1.1.4).</summary>
    Replace,

    /// <summary>Delete a stream: DELETE on the configuration endpoint (§8.1.1.5).</summary>
    Delete,

    /// <summary>Read a stream's status: GET on the status endpoint (§8.1.2.1).</summary>
    ReadStatus,

    /// <summary>Update a stream's status: POST to the status endpoint (§8.1.2.2).</summary>
    UpdateStatus,

    /// <summary>Add a subject: POST to the add-subject endpoint (§8.1.3.2).</summary>
    AddSubject,

    /// <summary>Remove a subject: POST to the remove-subject endpoint (§8.1.3.3).</summary>
    RemoveSubject,

    /// <summary>Ask for a verification event: POST to the verification endpoint (§8.1.4.2).</summary>
    Verify,
}
