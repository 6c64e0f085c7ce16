namespace SecEvent.Cli;

/// <summary>
/// A problem with what the user asked for that the parser cannot see: a file that cannot be read or written,
/// a key file that holds no usable key. Ends the run with exit code 2 and the message on stderr.
/// </summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliUsageException()
    {
    }
}
