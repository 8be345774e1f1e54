using Outreach.Cases;

namespace Outreach.Deadlines;

/// <summary>An open legal deadline of a case.</summary>
/// <param name="Step">Which legal period.</param>
/// <param name="StartsAfter">The triggering date; counting starts the day after it.</param>
/// <param name="Due">The last day to act, or null while the clock is stopped by a suspension.</param>
/// <param name="Days">The period's length (including extensions).</param>
/// <param name="Basis">Calendar or working days.</param>
/// <param name="IsObligation">True when the authority must act (can be overdue); false for a citizen's window.</param>
/// <param name="RuleSet">The rule set it came from.</param>
/// <param name="Citation">The law and article.</param>
/// <param name="Unverified">What is not verified about the rule, if anything.</param>
public sealed record CaseDeadline(
    DeadlineStep Step, DateOnly StartsAfter, DateOnly? Due, int Days, DayBasis Basis, bool IsObligation, string RuleSet, string Citation, string? Unverified)
{
    /// <summary>True while a suspension stops the clock.</summary>
    public bool IsPaused => Due is null;

    /// <summary>Calendar days from <paramref name="today"/> to the due date: negative when overdue, null while paused.</summary>
    public int? DaysLeft(DateOnly today) => Due is { } due ? due.DayNumber - today.DayNumber : null;

    /// <summary>True when the authority's deadline passed before <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => IsObligation && Due is { } due && due < today;
}

/// <summary>
/// Computes a case's open deadlines from its state, the rulebook and a working calendar. Counting follows the Civil Code:
/// a period starts the day after its trigger; a period ending on a day off ends on the next working day; suspended days
/// do not count. The same computation serves every read model.
/// </summary>
public static class CaseDeadlines
{
    /// <summary>The open deadlines of <paramref name="state"/>, earliest first (paused ones last).</summary>
    public static IReadOnlyList<CaseDeadline> For(CaseState state, Rulebook rules, WorkingCalendar calendar)
    {
        var open = new List<CaseDeadline>();
        void Add(DeadlineStep step, DateOnly trigger, DateOnly rulesDate, int extraDays = 0, bool suspendable = false)
        {
            var set = rules.For(rulesDate);
            var period = set.Period(step);
            var days = period.Days + extraDays;
            var due = Count(trigger, days, period.Basis, suspendable ? state.Suspensions : [], calendar);
            open.Add(new CaseDeadline(step, trigger, due, days, period.Basis, period.Obligation, set.Id, period.Citation, period.Unverified));
        }

        var round1 = state.Round == 1 || (state.Status == CaseStatus.Suspended && state.SecondAcceptedOn is null);
        switch (state.Status)
        {
            case CaseStatus.AwaitingAcceptance:
                Add(DeadlineStep.ComplaintAcceptance, state.ClockStartedOn, state.ClockStartedOn);
                break;
            case CaseStatus.AwaitingSecondAcceptance when state.SecondFiledOn is { } filed:
                Add(DeadlineStep.SecondComplaintAcceptance, filed, state.RulesDate);
                break;
            case CaseStatus.UnderSettlement or CaseStatus.Suspended when round1 && state.AcceptedOn is { } accepted:
                Add(FirstDecisionStep(state), accepted, accepted, suspendable: true);
                break;
            case CaseStatus.UnderSecondSettlement or CaseStatus.Suspended when state.SecondAcceptedOn is { } accepted2:
                Add(SecondDecisionStep(state), accepted2, state.RulesDate, suspendable: true);
                break;
            case CaseStatus.FirstDecisionIssued when state.FirstDecisionOn is { } decided:
                if (!state.DecisionDeliveredTo.Contains(NoticeParty.Complainant))
                {
                    Add(DeadlineStep.DecisionDelivery, decided, state.RulesDate);
                }

                // The complainant's window runs from the day they received the decision (Art. 33), not from its date.
                if (state.DecisionReceivedOn is { } received)
                {
                    Add(state.IsRemoteArea ? DeadlineStep.SecondComplaintWindowRemote : DeadlineStep.SecondComplaintWindow, received, state.RulesDate);
                }

                break;
            case CaseStatus.SecondDecisionIssued when state.SecondDecisionOn is { } decided2:
                // Seven days to send the second decision (Art. 41), not the first round's three working days (Art. 32).
                if (!state.DecisionDeliveredTo.Contains(NoticeParty.Complainant))
                {
                    Add(DeadlineStep.SecondDecisionDelivery, decided2, state.RulesDate);
                }

                break;
            case CaseStatus.DenunciationUnderCheck:
                Add(state.CheckAtSeveralPlaces ? DeadlineStep.DenunciationCheckSeveralPlaces : DeadlineStep.DenunciationCheck,
                    state.ClockStartedOn, state.ClockStartedOn);
                break;
            case CaseStatus.DenunciationUnderSettlement when state.DenunciationAcceptedOn is { } dAccepted:
                if (state.DenunciationParties.Except(state.DenunciationNotified).Any())
                {
                    Add(DeadlineStep.DenunciationNotice, dAccepted, dAccepted);
                }

                Add(DeadlineStep.DenunciationSettlement, dAccepted, dAccepted, extraDays: state.ExtensionDays);
                if (state.ReportDemandedOn is { } demanded && !state.ReportSubmitted)
                {
                    Add(DeadlineStep.LateSettlementReport, demanded, dAccepted);
                }

                break;
            case CaseStatus.DenunciationConcluded when state.DenunciationConcludedOn is { } concluded && state.DenunciationAcceptedOn is { } accepted:
                // The conclusion goes to the denounced and a notice of it to the denouncer within five working days (Art. 35 cl. 3).
                if (state.DenunciationParties.Except(state.ConclusionNotified).Any())
                {
                    Add(DeadlineStep.DenunciationConclusionNotice, concluded, accepted);
                }

                break;
        }

        return [.. open.OrderBy(d => d.Due ?? DateOnly.MaxValue)];
    }

    /// <summary>
    /// The last day of a period of <paramref name="days"/> starting the day after <paramref name="trigger"/>, skipping
    /// suspended days (and, on a working-day basis, days off); an end on a day off moves to the next working day.
    /// Returns null when the period runs into a suspension that has not ended.
    /// </summary>
    public static DateOnly? Count(DateOnly trigger, int days, DayBasis basis, IReadOnlyList<SuspensionPeriod> suspensions, WorkingCalendar calendar)
        => CountStopped(trigger, days, basis, [.. suspensions.Select(s => (s.From, s.To))], calendar);

    /// <summary>
    /// The same count with the stopped periods given as days from <c>From</c> up to the day before <c>To</c> (none: still
    /// stopped): a suspension of settlement, or an obstacle that kept a complainant from filing.
    /// </summary>
    internal static DateOnly? CountStopped(DateOnly trigger, int days, DayBasis basis, IReadOnlyList<(DateOnly From, DateOnly? To)> stopped, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = trigger;
        var counted = 0;
        while (counted < days)
        {
            day = day.AddDays(1);
            // Counted once per day of every period: a plain loop, no allocation.
            var stoppedToday = false;
            foreach (var (from, to) in stopped)
            {
                if (from <= day && (to is null || day < to))
                {
                    if (to is null)
                    {
                        return null;
                    }

                    stoppedToday = true;
                    break;
                }
            }

            if (stoppedToday)
            {
                continue;
            }

            if (basis == DayBasis.Working && !calendar.IsWorkingDay(day))
            {
                continue;
            }

            counted++;
        }

        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DeadlineStep FirstDecisionStep(CaseState state) => (state.IsRemoteArea, state.IsComplex) switch
    {
        (true, true) => DeadlineStep.FirstDecisionRemoteComplex,
        (true, false) => DeadlineStep.FirstDecisionRemote,
        (false, true) => DeadlineStep.FirstDecisionComplex,
        _ => DeadlineStep.FirstDecision,
    };

    private static DeadlineStep SecondDecisionStep(CaseState state) => (state.IsRemoteArea, state.IsComplex) switch
    {
        (true, true) => DeadlineStep.SecondDecisionRemoteComplex,
        (true, false) => DeadlineStep.SecondDecisionRemote,
        (false, true) => DeadlineStep.SecondDecisionComplex,
        _ => DeadlineStep.SecondDecision,
    };
}
