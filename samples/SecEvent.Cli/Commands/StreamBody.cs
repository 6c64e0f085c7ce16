using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecEvent.Cli.Commands;

/// <summary>
/// The JSON body a <c>secevent stream</c> command sends: the <c>--in</c> text with <c>--stream-id</c> filled in. Checked
/// before any request, so that a mistake in the input costs no round trip and is reported as usage (exit code 2).
/// </summary>
internal static class StreamBody
{
    private const string StreamIdMember = "stream_id";

    /// <summary>The body as UTF-8: <paramref name="text"/>, or <c>{"stream_id":…}</c> when there is none.</summary>
    /// <exception cref="CliUsageException">The text is not a JSON object, or its <c>stream_id</c> differs from <paramref name="streamId"/>.</exception>
    public static byte[] Prepare(string? text, string? streamId, string what)
    {
        if (text is null)
        {
            return streamId is null
                ? throw new CliUsageException($"give the {what} with --in, or the stream with --stream-id.")
                : JsonSerializer.SerializeToUtf8Bytes(new JsonObject { [StreamIdMember] = streamId });
        }

        if (streamId is null)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        JsonObject body;
        JsonNode? given;
        try
        {
            body = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) as JsonObject
                ?? throw new CliUsageException($"the {what} is not a JSON object.");

            // A JsonObject reads its members on first use: a member named twice fails here, as an ArgumentException.
            given = body[StreamIdMember];
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new CliUsageException($"the {what} is not valid JSON: {ex.Message}", ex);
        }

        if (given is null)
        {
            body[StreamIdMember] = streamId;
        }
        else if (!(given is JsonValue value && value.TryGetValue<string>(out var present) && string.Equals(present, streamId, StringComparison.Ordinal)))
        {
            throw new CliUsageException($"--stream-id differs from the stream_id in the {what}.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>The body read as the message the command sends.</summary>
    /// <exception cref="CliUsageException">It is not that message.</exception>
    public static T Parse<T>(byte[] body, string what, TryParse<T> parse)
        where T : class =>
        parse(body, out var message, out var error) ? message! : throw new CliUsageException($"the {what} is not valid: {error}");

    /// <summary>A message type's <c>TryParse</c>.</summary>
    public delegate bool TryParse<T>(ReadOnlySpan<byte> utf8Json, out T? message, out string? error);
}
