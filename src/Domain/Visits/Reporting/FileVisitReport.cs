using FluentValidation;

namespace Outreach.Visits;

/// <summary>File the report of a visit that took place.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Summary">The report.</param>
/// <param name="Actor">Who filed it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record FileVisitReport(Guid VisitId, string Summary, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<FileVisitReport>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<FileVisitReport>());
            RuleFor(c => c.Summary).NotEmpty().Says("visit.report.summary.required").MaximumLength(4000);
        }
    }

    /// <summary>Reports a visit with at least one recorded activity.</summary>
    public static object[] Decide(FileVisitReport command, VisitState state)
    {
        state.EnsureStatus("visit.report", VisitStatus.CarriedOut);
        return [new VisitReported(command.VisitId, command.Summary, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The visit report was filed.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Summary">The report.</param>
/// <param name="ReportedBy">Who.</param>
/// <param name="ReportedAt">When.</param>
public sealed record VisitReported(Guid VisitId, string Summary, string ReportedBy, DateTimeOffset ReportedAt);
