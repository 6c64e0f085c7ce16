using System.Text;
using System.Text.Json;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Cli.Commands;

/// <summary>Runs one <c>secevent stream</c> command: checks its body, discovers the transmitter, sends the request, prints the answer.</summary>
internal static class StreamRunner
{
    /// <summary>A transmitter asking for a longer wait than this fails the command (with its Retry-After) instead of holding it.</summary>
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(CliContext context, StreamOperation operation, StreamCall call, CancellationToken cancellationToken)
    {
        var send = Prepare(operation, call);
        using var http = CliHttp.CreateClient();
        SsfTransmitterMetadata metadata;
        try
        {
            metadata = await new SsfDiscovery(http, new SsfDiscoveryOptions { AllowHttp = call.AllowHttp }, TimeProvider.System).DiscoverAsync(call.Issuer, cancellationToken);
        }
        catch (SsfDiscoveryException ex)
        {
            CliOutput.WriteDiagnostic(context.Stderr, $"discovery failed: {ex.Message}");
            return CliExitCodes.Refused;
        }

        if (send is null)
        {
            Print(context, metadata.ToUtf8Json());
            return CliExitCodes.Success;
        }

        var options = new SsfStreamClientOptions { AllowHttp = call.AllowHttp, AuthorizationHeader = call.Authorization, RetryMaxDelay = RetryMaxDelay };
        var client = new SsfStreamClient(http, metadata, options, TimeProvider.System, new CliWarnings(context.Stderr));
        try
        {
            Print(context, await send(client, cancellationToken));
            return CliExitCodes.Success;
        }
        catch (SsfStreamException ex)
        {
            if (ex.Failure == SsfStreamFailure.HttpStatus)
            {
                CliOutput.WriteJsonLine(context.Stdout, json => WriteError(json, ex));
            }

            CliOutput.WriteDiagnostic(context.Stderr, $"{operation.Name} failed: {ex.Message}{(ex.RetryAfter is { } wait ? $" (retry after {wait.TotalSeconds:0} s)" : string.Empty)}");
            return CliExitCodes.Refused;
        }
    }

    /// <summary>The request to send, its body already checked; <see langword="null"/> for <c>discover</c>, which sends none.</summary>
    private static Func<SsfStreamClient, CancellationToken, Task<byte[]>>? Prepare(StreamOperation operation, StreamCall call)
    {
        var what = operation.BodyName ?? "body";
        byte[] Body() => StreamBody.Prepare(call.Body, call.StreamId, what);
        SsfStreamRequest StreamRequest(SsfStreamOperation kind) => StreamBody.Parse<SsfStreamRequest>(Body(), what, (json, out message, out error) => SsfStreamRequest.TryParse(json, kind, out message, out error));

        switch (operation.Name)
        {
            case "discover":
                return null;
            case "create":
                var create = StreamRequest(SsfStreamOperation.Create);
                return async (client, token) => (await client.CreateStreamAsync(create, token)).ToUtf8Json();
            case "get":
                return call.StreamId is { } id
                    ? async (client, token) => (await client.GetStreamAsync(id, token)).ToUtf8Json()
                    : async (client, token) => SsfStreamConfiguration.ToUtf8Json(await client.GetStreamsAsync(token));
            case "update":
                var update = StreamRequest(SsfStreamOperation.Update);
                return async (client, token) => Result(await client.UpdateStreamAsync(update, token), static c => c.ToUtf8Json());
            case "replace":
                var replace = StreamRequest(SsfStreamOperation.Replace);
                return async (client, token) => Result(await client.ReplaceStreamAsync(replace, token), static c => c.ToUtf8Json());
            case "delete":
                return async (client, token) => Status(await client.DeleteStreamAsync(call.StreamId!, token));
            case "status":
                return async (client, token) => (await client.GetStatusAsync(call.StreamId!, token)).ToUtf8Json();
            case "set-status":
                var status = StreamBody.Parse<SsfStreamStatus>(Body(), what, SsfStreamStatus.TryParse);
                return async (client, token) => Result(await client.UpdateStatusAsync(status, token), static s => s.ToUtf8Json());
            case "add-subject":
                var add = StreamBody.Parse<SsfAddSubjectRequest>(Body(), what, SsfAddSubjectRequest.TryParse);
                return async (client, token) => Status(await client.AddSubjectAsync(add, token));
            case "remove-subject":
                var remove = StreamBody.Parse<SsfRemoveSubjectRequest>(Body(), what, SsfRemoveSubjectRequest.TryParse);
                return async (client, token) => Status(await client.RemoveSubjectAsync(remove, token));
            default:
                var verify = StreamBody.Parse<SsfVerificationRequest>(Body(), what, SsfVerificationRequest.TryParse);
                return async (client, token) => Status(await client.RequestVerificationAsync(verify, token));
        }
    }

    private static byte[] Result<T>(SsfUpdateResult<T> result, Func<T, byte[]> write)
        where T : class => result.IsPending ? Status(202) : write(result.Value);

    /// <summary>What a success without a body prints: <c>{"status":N}</c>.</summary>
    private static byte[] Status(int status) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, int> { ["status"] = status });

    private static void Print(CliContext context, byte[] json) => context.Stdout.WriteLine(Encoding.UTF8.GetString(json));

    /// <summary><c>{"status":N,"body":…}</c>: the body as JSON when it is JSON, else as a string, else null.</summary>
    private static void WriteError(Utf8JsonWriter json, SsfStreamException ex)
    {
        json.WriteStartObject();
        json.WriteNumber("status", ex.StatusCode ?? 0);
        json.WritePropertyName("body");
        if (ex.ResponseBody is not { } body)
        {
            json.WriteNullValue();
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
                document.RootElement.WriteTo(json);
            }
            catch (JsonException)
            {
                json.WriteStringValue(body);
            }
        }

        json.WriteEndObject();
    }
}
