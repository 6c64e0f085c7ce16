using SecEvent.Tokens;

namespace SecEvent.Cli;

/// <summary>The RFC 8935 §2.3 error object, <c>{"err":…,"description":…}</c>, printed when a payload or token is refused.</summary>
internal static class ErrorObject
{
    /// <summary>Writes the error as exactly two members on one line and returns <see cref="CliExitCodes.Refused"/>.</summary>
    public static int Write(TextWriter output, SecurityEventError error)
    {
        CliOutput.WriteJsonLine(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("err", error.Code);
            json.WriteString("description", error.Description);
            json.WriteEndObject();
        });
        return CliExitCodes.Refused;
    }

    /// <summary>Writes an <c>invalid_request</c> error, for input the tool refuses before the library sees it.</summary>
    public static int InvalidRequest(TextWriter output, string description) =>
        Write(output, new SecurityEventError(SecurityEventErrorCodes.InvalidRequest, description));
}
