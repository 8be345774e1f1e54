namespace Outreach.Hosting;

/// <summary>
/// Thrown when the private ("embedded default") PostgreSQL cluster cannot be found, created or started.
/// The message always says what is missing and what the user can do about it, so hosts can print it as is.
/// </summary>
public sealed class LocalPostgresUnavailableException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public LocalPostgresUnavailableException()
        : base("The private PostgreSQL cluster is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message meant for the user.</summary>
    /// <param name="message">What is missing and what to do about it.</param>
    public LocalPostgresUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message meant for the user and the underlying cause.</summary>
    /// <param name="message">What is missing and what to do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public LocalPostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
