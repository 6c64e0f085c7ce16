namespace SecEvent.Cli;

/// <summary>The process exit codes of the tool.</summary>
internal static class CliExitCodes
{
    /// <summary>The command did what was asked: a key written, a token signed, accepted or decoded.</summary>
    public const int Success = 0;

    /// <summary>The payload or token was refused; an RFC 8935 error object is on stdout.</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong, or a file could not be read or written; the reason is on stderr.</summary>
    public const int Usage = 2;

    /// <summary>A bug: an exception nobody expected (sysexits' EX_SOFTWARE), so scripts never mistake it for a refusal.</summary>
    public const int Internal = 70;

    /// <summary>Cancelled (Ctrl+C): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
