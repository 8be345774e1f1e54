using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace Outreach;

/// <summary>Ties FluentValidation's rules to the library's texts: stable codes, JSON field names, the caller's language.</summary>
public static class ValidationTexts
{
    /// <summary>
    /// Gives the rule the refusal <paramref name="code"/> and its sentence from the resources, in the culture current
    /// when the command is validated.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> Says<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string code, params object?[] arguments)
        => rule.WithErrorCode(code).WithMessage(_ => OutreachText.Format(code, null, arguments));

    /// <summary>The code and sentence of a FluentValidation built-in rule (not-empty, maximum length, …), in the library's words.</summary>
    internal static (string Code, string Message) Translate(ValidationFailure failure, string field, CultureInfo culture)
    {
        var values = failure.FormattedMessagePlaceholderValues ?? new Dictionary<string, object>();
        object? Value(string name) => values.TryGetValue(name, out var v) ? v : null;
        (string, string) Say(string code, params object?[] args) => (code, OutreachText.Format(code, culture, [field, .. args]));
        return failure.ErrorCode switch
        {
            "NotEmptyValidator" or "NotNullValidator" => Say("field.required"),
            "MaximumLengthValidator" => Say("field.too-long", Value("MaxLength"), Value("TotalLength")),
            "MinimumLengthValidator" => Say("field.too-short", Value("MinLength"), Value("TotalLength")),
            "LengthValidator" => Say("field.length", Value("MinLength"), Value("MaxLength"), Value("TotalLength")),
            "EnumValidator" => Say("field.enum"),
            "InclusiveBetweenValidator" => Say("field.between", Value("From"), Value("To")),
            "RegularExpressionValidator" => Say("field.format"),
            "GreaterThanValidator" => Say("field.greater-than", Value("ComparisonValue")),
            "GreaterThanOrEqualValidator" => Say("field.at-least", Value("ComparisonValue")),
            "LessThanValidator" => Say("field.less-than", Value("ComparisonValue")),
            "LessThanOrEqualValidator" => Say("field.at-most", Value("ComparisonValue")),
            "NotEqualValidator" or "EqualValidator" or "PredicateValidator" or "AsyncPredicateValidator" => Say("field.invalid"),
            { } code when OutreachText.Has(code) => (code, failure.ErrorMessage),
            _ => ("field.invalid", failure.ErrorMessage),
        };
    }
}

/// <summary>
/// Thrown when a command is malformed: <see cref="ValidationException.Errors"/> lists every problem, each with its JSON
/// field name (<c>notifiedParties[0]</c>) as <c>PropertyName</c>, its stable code as <c>ErrorCode</c> and a sentence in
/// the caller's language. Nothing was recorded.
/// </summary>
public sealed class CommandValidationException : ValidationException, IOutreachFailure
{
    private readonly string _command;

    /// <summary>Creates the exception for the command named <paramref name="command"/>.</summary>
    public CommandValidationException(string command, IReadOnlyList<ValidationFailure> errors)
        : base(OutreachText.Format("command.invalid", null, command, string.Join(" ", errors.Select(e => e.ErrorMessage))), errors)
        => _command = command;

    /// <summary>Always <c>command.invalid</c>; each failure carries its own code.</summary>
    public string Code => "command.invalid";

    /// <summary>The summary in <paramref name="culture"/> (the failures keep the language they were checked in).</summary>
    public string MessageIn(CultureInfo culture)
        => OutreachText.Format("command.invalid", culture, _command, string.Join(" ", Errors.Select(e => e.ErrorMessage)));
}
