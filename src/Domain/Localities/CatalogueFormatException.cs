namespace Outreach.Localities;

/// <summary>
/// Thrown by <see cref="LocalityCatalogue.FromJson"/> when a catalogue file cannot be used: its
/// <see cref="OutreachException.Code"/> (<c>catalogue.…</c>) says what is wrong, and the message says where and what to
/// fix. The input is at fault (hosts report it as bad input), not a rule of the programme.
/// </summary>
public sealed class CatalogueFormatException : OutreachException
{
    /// <summary>Creates the exception <paramref name="code"/>, whose sentence is the text of the code filled with <paramref name="arguments"/>.</summary>
    public CatalogueFormatException(string code, params object?[] arguments) : base(code, arguments) { }

    /// <summary>Creates the exception <paramref name="code"/> with its cause.</summary>
    public CatalogueFormatException(Exception inner, string code, params object?[] arguments) : base(code, arguments, inner) { }
}
