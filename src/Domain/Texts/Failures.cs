using System.Globalization;

namespace Outreach;

/// <summary>What kind of failure a request met; each kind has one console exit code and one HTTP status (the table in <c>docs/embedding.md</c>).</summary>
public enum FailureKind
{
    /// <summary>The input is malformed (bad JSON, a misspelt field, a failed validation). Exit 2, HTTP 400.</summary>
    BadInput,

    /// <summary>A business or legal rule refuses the step now. Exit 1, HTTP 422.</summary>
    Refused,

    /// <summary>The named case, unit, visit … does not exist. Exit 1, HTTP 404.</summary>
    NotFound,

    /// <summary>Someone else changed the record first. Exit 8, HTTP 409.</summary>
    Conflict,

    /// <summary>The caller's expected version is stale (HTTP <c>If-Match</c>). Exit 8, HTTP 412.</summary>
    StaleVersion,

    /// <summary>The person may not see or do this (a clearance is missing or wrong). Exit 2, HTTP 403.</summary>
    Forbidden,

    /// <summary>The citizen's data was erased on request; it cannot be shown or used again. Exit 1, HTTP 410.</summary>
    Erased,

    /// <summary>History fails its integrity check. Exit 4, HTTP 500.</summary>
    Tampered,

    /// <summary>The database cannot be reached or refused the login. Exit 3 (5 for a refused login), HTTP 503.</summary>
    Unavailable,

    /// <summary>The database role may not do this. Exit 6, HTTP 500.</summary>
    NotPermitted,

    /// <summary>The database or schema is not prepared. Exit 7, HTTP 503.</summary>
    NotPrepared,

    /// <summary>The input is larger than the deployment accepts (an HTTP body over the host's limit). Exit 2, HTTP 413.</summary>
    TooLarge,
}

/// <summary>A failure described for people and programs: code, sentence, kind, and the field problems of a bad command.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Message">The sentence, in the requested culture.</param>
/// <param name="Kind">What kind of failure it is.</param>
/// <param name="Fields">For a command that failed validation: each field's problems (JSON name → code and sentence).</param>
public sealed record Failure(string Code, string Message, FailureKind Kind, IReadOnlyList<FieldFailure> Fields)
{
    /// <summary>The HTTP status of this failure.</summary>
    public int HttpStatus => Kind switch
    {
        FailureKind.BadInput => 400,
        FailureKind.Refused => 422,
        FailureKind.NotFound => 404,
        FailureKind.Conflict => 409,
        FailureKind.StaleVersion => 412,
        FailureKind.Forbidden => 403,
        FailureKind.TooLarge => 413,
        FailureKind.Erased => 410,
        FailureKind.Unavailable or FailureKind.NotPrepared => 503,
        _ => 500,
    };

    /// <summary>The console's exit code of this failure (README, "Exit codes").</summary>
    public int ExitCode => Kind switch
    {
        FailureKind.BadInput or FailureKind.Forbidden or FailureKind.TooLarge => 2,
        FailureKind.Refused or FailureKind.NotFound or FailureKind.Erased => 1,
        FailureKind.Conflict or FailureKind.StaleVersion => 8,
        FailureKind.Tampered => 4,
        FailureKind.NotPermitted => 6,
        FailureKind.NotPrepared => 7,
        _ when Code == "storage.authentication" => 5,
        _ => 3,
    };
}

/// <summary>One field's problem in a command that failed validation.</summary>
/// <param name="Field">The JSON field name (<c>notifiedParties[0]</c>).</param>
/// <param name="Code">The stable code.</param>
/// <param name="Message">The sentence.</param>
public sealed record FieldFailure(string Field, string Code, string Message);

/// <summary>The one mapping from the library's exceptions to codes, sentences, exit codes and HTTP statuses, for every host.</summary>
public static class Failures
{
    /// <summary>
    /// Describes <paramref name="exception"/> in <paramref name="culture"/> (the current UI culture when null), or returns
    /// <see langword="null"/> for an exception the library does not know (a bug: report it as an internal error).
    /// </summary>
    public static Failure? Describe(Exception exception, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var c = culture ?? CultureInfo.CurrentUICulture;
        switch (exception)
        {
            case CommandValidationException invalid:
                return new Failure(invalid.Code, invalid.MessageIn(c), FailureKind.BadInput,
                    [.. invalid.Errors.Select(e => new FieldFailure(e.PropertyName, e.ErrorCode, e.ErrorMessage))]);
            case OutreachException failure:
                return Of(failure, KindOf(failure), c);
            case FluentValidation.ValidationException invalid:
                return new Failure("command.invalid", invalid.Message, FailureKind.BadInput,
                    [.. invalid.Errors.Select(e => new FieldFailure(e.PropertyName, e.ErrorCode, e.ErrorMessage))]);
        }

        if (StorageFailure.From(exception) is { } storage)
        {
            var kind = storage.Kind switch
            {
                StorageFailureKind.Privilege => FailureKind.NotPermitted,
                StorageFailureKind.MissingDatabase => FailureKind.NotPrepared,
                StorageFailureKind.BadData => FailureKind.BadInput,
                StorageFailureKind.Duplicate or StorageFailureKind.Conflict => FailureKind.Conflict,
                _ => FailureKind.Unavailable,
            };
            return new Failure(storage.Code, storage.Message(c), kind, []);
        }

        return exception.InnerException is { } inner ? Describe(inner, c) : null;
    }

    private static FailureKind KindOf(OutreachException exception) => exception switch
    {
        ConflictException conflict => conflict.ExpectedVersion is null ? FailureKind.Conflict : FailureKind.StaleVersion,
        StreamNotFoundException => FailureKind.NotFound,
        PersonalData.PersonErasedException => FailureKind.Erased,
        InputTooLargeException => FailureKind.TooLarge,
        PersonalData.ClearanceRefusedException or Access.AccessDeniedException => FailureKind.Forbidden,
        Open311.Open311RefusedException open311 => open311.Kind,
        // A person's key that no longer reads fails the same integrity check as altered history (audit verify's key-unreadable).
        Audit.HistoryTamperedException or PersonalData.PersonKeyDamagedException => FailureKind.Tampered,
        CommandInputException or Localities.CatalogueFormatException or PersonalData.ClearanceHolderException
            or Audit.CheckpointFileException or Audit.KeyFingerprintException or SettingsFormatException => FailureKind.BadInput,
        _ => FailureKind.Refused,
    };

    private static Failure Of(OutreachException exception, FailureKind kind, CultureInfo culture)
        => new(exception.Code, exception.MessageIn(culture), kind, []);
}
