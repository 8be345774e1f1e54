using System.Globalization;

namespace Outreach.Hosting;

/// <summary>
/// Thrown when the private ("embedded default") PostgreSQL cluster cannot be found, created or started.
/// The message always says what is missing and what the user can do about it, so hosts can print it as is.
/// It carries a stable <see cref="Code"/> (the key of its sentence in <c>Resources/Hosting*.resx</c>), and its message
/// is that sentence in the UI culture current when it was thrown; <see cref="MessageIn"/> gives it in another language.
/// </summary>
public sealed class LocalPostgresUnavailableException : Exception, IOutreachFailure
{
    /// <summary>The code of the generic failure, and of every exception made from a ready-made message.</summary>
    public const string UnavailableCode = "cluster.unavailable";

    private readonly object?[]? _arguments;

    /// <summary>Creates the exception with the generic sentence of <see cref="UnavailableCode"/>.</summary>
    public LocalPostgresUnavailableException()
        : this(UnavailableCode, [], null)
    {
    }

    /// <summary>Creates the exception with a ready-made message meant for the user; its code is <see cref="UnavailableCode"/>.</summary>
    /// <param name="message">What is missing and what to do about it.</param>
    public LocalPostgresUnavailableException(string message)
        : base(message)
    {
        Code = UnavailableCode;
    }

    private LocalPostgresUnavailableException(string code, object?[] arguments, Exception? innerException)
        : base(HostingText.Format(code, arguments), innerException)
    {
        Code = code;
        _arguments = arguments;
    }

    /// <summary>The stable code of the failure (for example <c>cluster.binaries-missing</c>), for programs to match on.</summary>
    public string Code { get; }

    /// <summary>The values filled into the sentence (paths, names, what the system or a tool said); empty for a ready-made message.</summary>
    public IReadOnlyList<object?> Arguments => _arguments ?? [];

    /// <summary>The failure <paramref name="code"/>, whose sentence is the hosts' text of that code filled with <paramref name="arguments"/>.</summary>
    /// <param name="code">A key of <c>Resources/Hosting.resx</c>.</param>
    /// <param name="arguments">The values of the sentence's placeholders; messages of the system or of tools are passed here as they are.</param>
    /// <returns>The exception, its message in the current UI culture.</returns>
    public static LocalPostgresUnavailableException Of(string code, params object?[] arguments) => new(code, arguments, null);

    /// <summary>The failure <paramref name="code"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="innerException">The failure that caused this one.</param>
    /// <param name="code">A key of <c>Resources/Hosting.resx</c>.</param>
    /// <param name="arguments">The values of the sentence's placeholders; messages of the system or of tools are passed here as they are.</param>
    /// <returns>The exception, its message in the current UI culture.</returns>
    public static LocalPostgresUnavailableException Of(Exception innerException, string code, params object?[] arguments) => new(code, arguments, innerException);

    /// <summary>The sentence in <paramref name="culture"/>; a ready-made message is returned as it was given.</summary>
    /// <param name="culture">The reader's language.</param>
    /// <returns>The sentence.</returns>
    public string MessageIn(CultureInfo culture) => _arguments is null ? Message : HostingText.FormatIn(culture, Code, _arguments);
}
