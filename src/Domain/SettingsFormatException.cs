namespace Outreach;

/// <summary>
/// Thrown when a settings file a deployment supplies (its own working-day calendar, for example) cannot be used: it is
/// not valid JSON or lacks what it must hold. <see cref="OutreachException.Code"/> says which file and what is wrong
/// (<c>settings.calendar.invalid-json</c>, <c>settings.calendar.no-days</c>); the sentence says how to correct it.
/// </summary>
public sealed class SettingsFormatException : OutreachException
{
    /// <summary>Creates the exception <paramref name="code"/>, whose sentence is the text of the same code.</summary>
    public SettingsFormatException(string code, object?[] arguments, Exception? inner = null) : base(code, arguments, inner)
    {
    }
}
