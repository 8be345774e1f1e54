namespace Outreach.Rotation;

/// <summary>
/// Keeps a visitor clear of repeats that a later week would force on them. A visit has no choice when its week has a
/// single locality in force, or two of which the next visit's forced locality is one: such <i>forced</i> visits chain
/// backwards, and the visit before a chain must keep clear of the locality the chain starts with. When it cannot (its
/// week has that locality only), or when the first visit of the plan is forced to the visitor's last visit before the
/// plan, the request is refused.
/// </summary>
internal static class RepeatLookAhead
{
    /// <summary>
    /// Walks <paramref name="visitor"/>'s visits backwards and returns, for each visit by its number, the locality it
    /// must keep clear of because the next visit is forced there, or null; or returns null itself when no visit of the
    /// visitor has to keep clear of anything (the usual case).
    /// </summary>
    /// <exception cref="RotationInfeasibleException">Rule <see cref="RotationRule.RepeatUnavoidable"/>: the visitor cannot avoid a repeat.</exception>
    public static LocalityState?[]? BarredLocalities(VisitorState visitor, WeeklyCatalogue catalogue, DateOnly firstWeek)
    {
        var weeks = visitor.AvailableWeeks;
        LocalityState?[]? barred = null;
        LocalityState? forced = null;      // the only locality left to the visit after the current one, or null
        var singleLocalityWeek = -1;       // the week with a single locality in force that the chain of forced visits starts from
        for (var visit = weeks.Count - 1; visit >= 0; visit--)
        {
            var week = weeks[visit];
            var here = catalogue.InForce(week);
            LocalityState? keepClearOf = null;
            if (forced is not null && catalogue.IsInForce(week, forced))
            {
                keepClearOf = forced;
                barred ??= new LocalityState?[weeks.Count];
                barred[visit] = forced;
            }

            var choices = here.Length - (keepClearOf is null ? 0 : 1);
            if (choices == 0)
            {
                var nextWeek = weeks[visit + 1];
                throw singleLocalityWeek == nextWeek
                    ? new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat.only-locality",
                        visitor.Id, forced!.Code, catalogue.Monday(week), catalogue.Monday(nextWeek))
                    : new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat.no-other-choice",
                        visitor.Id, forced!.Code, catalogue.Monday(week), catalogue.Monday(nextWeek), catalogue.Monday(singleLocalityWeek));
            }

            if (choices == 1)
            {
                if (here.Length == 1)
                {
                    singleLocalityWeek = week;
                }

                forced = here[0] == keepClearOf ? here[1] : here[0];
            }
            else
            {
                forced = null;
            }
        }

        if (weeks.Count > 0 && forced is not null && forced == visitor.Previous)
        {
            var first = weeks[0];
            throw singleLocalityWeek == first
                ? new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat-last.only-locality",
                    visitor.Id, forced.Code, firstWeek, catalogue.Monday(first))
                : new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat-last.no-other-choice",
                    visitor.Id, forced.Code, firstWeek, catalogue.Monday(first), catalogue.Monday(singleLocalityWeek));
        }

        return barred;
    }
}
