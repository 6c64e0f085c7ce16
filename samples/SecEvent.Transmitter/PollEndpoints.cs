using SecEvent.Delivery.Poll;

namespace SecEvent.Transmitter;

/// <summary>Maps a route onto a <see cref="PollTransmitter"/>: the whole of the ASP.NET Core side of an RFC 8936 poll endpoint.</summary>
internal static class PollEndpoints
{
    /// <summary>Maps <c>POST {pattern}</c>, whose <c>{stream}</c> route value names the stream polled.</summary>
    public static IEndpointConventionBuilder MapPollTransmitter(this IEndpointRouteBuilder routes, string pattern, PollTransmitter transmitter) =>
        routes.MapPost(pattern, async (string stream, HttpContext http) =>
        {
            PollEndpointResponse response;
            try
            {
                response = await transmitter.HandleAsync(new PollEndpointRequest
                {
                    StreamId = stream,
                    Method = http.Request.Method,
                    ContentType = http.Request.ContentType,
                    ContentLength = http.Request.ContentLength,
                    ContentLanguage = http.Request.Headers.ContentLanguage,
                    Authorization = http.Request.Headers.Authorization,
                    Body = http.Request.Body,
                }, http.RequestAborted);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return; // The recipient left during a long poll; what was leased for it is offered again.
            }

            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers)
            {
                http.Response.Headers.Append(name, value);
            }

            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        });
}
