using SecEvent.Delivery.Push;

namespace SecEvent.Receiver;

/// <summary>Maps a route onto a <see cref="PushReceiver"/>: the whole of the ASP.NET Core side of an RFC 8935 endpoint.</summary>
internal static class PushReceiverEndpoints
{
    public static IEndpointConventionBuilder MapPushReceiver(this IEndpointRouteBuilder routes, string pattern, PushReceiver receiver) =>
        routes.MapPost(pattern, async (HttpContext http) =>
        {
            var response = await receiver.ReceiveAsync(new PushRequest
            {
                Method = http.Request.Method,
                ContentType = http.Request.ContentType,
                ContentLength = http.Request.ContentLength,
                Authorization = http.Request.Headers.Authorization,
                Body = http.Request.Body,
            }, http.RequestAborted);

            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers)
            {
                http.Response.Headers.Append(name, value);
            }

            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        });
}
