using Microsoft.AspNetCore.Http;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>Maps Kestrel requests onto a <see cref="PushReceiver"/> and writes its answers back.</summary>
internal static class PushReceiverEndpoint
{
    public static RequestDelegate For(PushReceiver receiver) => async context =>
    {
        var request = new PushRequest
        {
            Method = context.Request.Method,
            ContentType = context.Request.ContentType,
            ContentLength = context.Request.ContentLength,
            Authorization = context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            Body = context.Request.Body,
        };
        var response = await receiver.ReceiveAsync(request, context.RequestAborted);
        await ResponseWriter.WriteAsync(context, response.StatusCode, response.Headers, response.Body);
    };
}
