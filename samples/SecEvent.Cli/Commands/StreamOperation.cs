namespace SecEvent.Cli.Commands;

/// <summary>One <c>secevent stream</c> command.</summary>
/// <param name="Name">The command's name.</param>
/// <param name="Description">Its help text.</param>
/// <param name="BodyName">What its <c>--in</c> body is, or <see langword="null"/> when it sends none.</param>
/// <param name="TakesStreamId">Whether it has <c>--stream-id</c>.</param>
/// <param name="NeedsStreamId">Whether <c>--stream-id</c> is required.</param>
/// <param name="BodyOptional">Whether <c>--in</c> may be left out (the stream id alone makes the body).</param>
internal sealed record StreamOperation(string Name, string Description, string? BodyName, bool TakesStreamId, bool NeedsStreamId, bool BodyOptional = false);

/// <summary>The commands of <c>secevent stream</c>, in the order of OpenID SSF 1.0 §7.2 and §8.1.</summary>
internal static class StreamOperations
{
    public static readonly StreamOperation[] All =
    [
        new("discover", "Fetch and check the transmitter's configuration (§7.2) and print it.", null, TakesStreamId: false, NeedsStreamId: false),
        new("create", "Create a stream (§8.1.1.1) from the receiver-supplied members in the body; print its configuration.", "stream request", TakesStreamId: false, NeedsStreamId: false),
        new("get", "Print one stream's configuration, or with no --stream-id an array of all of this receiver's streams (§8.1.1.2).", null, TakesStreamId: true, NeedsStreamId: false),
        new("update", "Change the receiver-supplied members present in the body, leaving the others (PATCH, §8.1.1.3).", "stream request", TakesStreamId: true, NeedsStreamId: false),
        new("replace", "Replace the receiver-supplied members; those absent from the body are deleted (PUT, §8.1.1.4).", "stream request", TakesStreamId: true, NeedsStreamId: false),
        new("delete", "Delete a stream (§8.1.1.5).", null, TakesStreamId: true, NeedsStreamId: true),
        new("status", "Print a stream's status (§8.1.2.1).", null, TakesStreamId: true, NeedsStreamId: true),
        new("set-status", "Set a stream's status from a body {stream_id, status, reason} (§8.1.2.2).", "status request", TakesStreamId: true, NeedsStreamId: false),
        new("add-subject", "Add a subject from a body {stream_id, subject, verified} (§8.1.3.2).", "add-subject request", TakesStreamId: true, NeedsStreamId: false),
        new("remove-subject", "Remove a subject given in a body {stream_id, subject} (§8.1.3.3).", "remove-subject request", TakesStreamId: true, NeedsStreamId: false),
        new("verify", "Ask for a verification event (§8.1.4.2), from a body {stream_id, state} or from --stream-id alone.", "verification request", TakesStreamId: true, NeedsStreamId: false, BodyOptional: true),
    ];
}
