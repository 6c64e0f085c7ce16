using Microsoft.AspNetCore.Http;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>Writes a framework-agnostic handler's answer (status, headers, body) to an ASP.NET Core response, as a host would.</summary>
internal static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext context, int statusCode, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = statusCode;
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = value;
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        if (!body.IsEmpty)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
