using SecEvent.Delivery.Ssf;

namespace SecEvent.Transmitter;

/// <summary>
/// Maps the Shared Signals routes onto an <see cref="SsfTransmitter"/>: the configuration at
/// <c>/.well-known/ssf-configuration</c> and the five stream management endpoints. The whole of the ASP.NET Core side.
/// </summary>
internal static class SsfEndpoints
{
    public const string Configuration = "/ssf/stream";
    public const string Status = "/ssf/status";
    public const string AddSubject = "/ssf/subjects:add";
    public const string RemoveSubject = "/ssf/subjects:remove";
    public const string Verification = "/ssf/verify";

    private static readonly string[] AnyMethod = ["GET", "POST", "PATCH", "PUT", "DELETE"];

    /// <summary>Maps the routes; <paramref name="transmitter"/> is asked for at each request, so it may be built after the host starts and knows its address.</summary>
    public static void MapSharedSignals(this IEndpointRouteBuilder routes, Func<SsfTransmitter> transmitter, int maxRequestSize)
    {
        routes.MapGet("/.well-known/ssf-configuration", () => Results.Bytes(transmitter().Metadata.ToUtf8Json(), "application/json"));
        Map(routes, Configuration, SsfManagementEndpoint.Configuration, transmitter, maxRequestSize);
        Map(routes, Status, SsfManagementEndpoint.Status, transmitter, maxRequestSize);
        Map(routes, AddSubject, SsfManagementEndpoint.AddSubject, transmitter, maxRequestSize);
        Map(routes, RemoveSubject, SsfManagementEndpoint.RemoveSubject, transmitter, maxRequestSize);
        Map(routes, Verification, SsfManagementEndpoint.Verification, transmitter, maxRequestSize);
    }

    private static void Map(IEndpointRouteBuilder routes, string pattern, SsfManagementEndpoint endpoint, Func<SsfTransmitter> transmitter, int maxRequestSize) =>
        routes.MapMethods(pattern, AnyMethod, async (HttpContext http) =>
        {
            // Read one byte past the limit, so that the transmitter sees an oversized body as such (413), unbuffered.
            var body = new byte[Math.Min(http.Request.ContentLength ?? maxRequestSize + 1L, maxRequestSize + 1L)];
            var length = 0;
            int read;
            while (length < body.Length && (read = await http.Request.Body.ReadAsync(body.AsMemory(length), http.RequestAborted)) > 0)
            {
                length += read;
            }

            var response = await transmitter().HandleAsync(new SsfManagementRequest
            {
                Endpoint = endpoint,
                Method = http.Request.Method,
                StreamId = http.Request.Query.TryGetValue("stream_id", out var id) ? id.ToString() : null,
                Authorization = http.Request.Headers.Authorization.Count > 0 ? http.Request.Headers.Authorization.ToString() : null,
                ContentType = http.Request.ContentType,
                Body = body.AsMemory(0, length),
            }, http.RequestAborted);

            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers)
            {
                http.Response.Headers.Append(name, value);
            }

            if (response.ContentType is { } contentType)
            {
                http.Response.ContentType = contentType;
                await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
            }
        });
}
