namespace Outreach.Rotation;

/// <summary>
/// Plans the weekly rotation of the outreach programme ("xuống phố, về làng"): every week, every available cadre or
/// visiting group goes to one commune, ward, hamlet or quarter, so that each locality is visited in turn.
/// </summary>
public static class RotationPlanner
{
    /// <summary>
    /// Plans <see cref="RotationRequest.Weeks"/> weeks of visits. The function is pure: it reads no clock, database or
    /// file, and the same request always gives the same plan.
    /// </summary>
    /// <remarks>
    /// <para>The plan keeps these promises; the tests check each of them on hundreds of generated requests.</para>
    /// <list type="number">
    /// <item><description>
    /// <b>One visit per available week (fairness between visitors).</b> In every planned week, each visitor on the
    /// roster who is not marked unavailable gets exactly one assignment, to a locality in force that week; an
    /// unavailable visitor gets none. So two visitors available the same number of weeks make the same number of
    /// visits. A week in which everybody is unavailable has no visits and is listed in
    /// <see cref="RotationPlan.WeeksWithoutVisits"/>.
    /// </description></item>
    /// <item><description>
    /// <b>No repeats.</b> No visitor goes to the same locality on two consecutive visits of theirs: the weeks they are
    /// unavailable are skipped over, and their first visit differs from their
    /// <see cref="RotationRequest.LastVisited"/> locality. Codes are compared exactly, so a merged unit's successor
    /// with a new code is a different locality.
    /// </description></item>
    /// <item><description>
    /// <b>Coverage.</b> The plan is cut, from <see cref="RotationRequest.FirstWeek"/>, into consecutive cycles of
    /// <see cref="RotationPlan.CycleWeeks"/> weeks (the last one may be shorter). A cycle <i>owes</i> a visit to each
    /// locality in force in every one of its weeks; a locality that appears or disappears within a cycle (a merger,
    /// a new hamlet) is owed nothing in that cycle, and is owed a visit in each later cycle it is in force throughout.
    /// Each owed locality needs a visit of its own; a visit may cover any of them except that a visitor's first visit
    /// of the cycle cannot go where their previous visit went, and no visit may go where it would leave the visitor's
    /// later visits no way to avoid a repeat (a locality that a later single-locality week forces on them). Within
    /// those limits the planner covers <i>as many</i> owed localities as any plan could, given the visits planned
    /// before the cycle. In particular, when no week near the cycle has a single locality in force, a cycle is fully
    /// covered whenever it has at least as many visits as owed localities and each of them can be taken by at least
    /// one of its visits. Reduced availability does not stretch the cycle: a cycle with too few visits covers the
    /// localities that have waited longest and lists the others in <see cref="RotationCycle.Missed"/>; having then
    /// waited longest, they are the first covered in the next cycle.
    /// </description></item>
    /// <item><description>
    /// <b>Even spread.</b> Each visit beyond the one a locality is owed goes to a locality with the fewest visits in
    /// the cycle (counting those set aside to cover the others) among those the visitor may take: all localities in
    /// force that week except their previous one and one a later single-locality week forces on them. Hence, in a
    /// cycle of <c>V</c> visits owing <c>n</c> localities, no locality gets more than <c>ceil(V / n) + 1</c> visits
    /// whenever <c>2V &lt; n(n - 1)</c>: for example any cycle of 84 localities with fewer than 3,486 visits, or of
    /// 15 units with fewer than 105. With fewer localities (the three wards after 1 July 2025) the same rule keeps the
    /// split even unless most of the cycle's visitors are barred from the same locality: when only two localities are
    /// in force (each visitor then simply alternates between them), around single-locality weeks, or when nearly all
    /// the visitors available in a week went to the same locality on their previous visit.
    /// </description></item>
    /// <item><description>
    /// <b>Rotation.</b> Owed localities are taken in order of the time since their last visit (never visited first,
    /// ties in catalogue order), each in the earliest week with a free visit, by the visitor who has not been there
    /// for longest; so visits come back about every cycle, and cadres see different localities over time.
    /// </description></item>
    /// <item><description>
    /// <b>Determinism.</b> The plan depends only on the request's values: the order of
    /// <see cref="RotationRequest.Visitors"/> and of each week's catalogue breaks ties, the enumeration order of
    /// <see cref="RotationRequest.Unavailable"/> and <see cref="RotationRequest.LastVisited"/> does not.
    /// </description></item>
    /// </list>
    /// <para>
    /// Refused, with a <see cref="RotationInfeasibleException"/> and nothing planned: an empty roster; a blank or
    /// duplicate visitor id; <see cref="RotationRequest.Weeks"/> outside 1..520; a first week that is not a Monday;
    /// a planned week with no locality in force, or with a blank or duplicate code; an unavailability or last visit
    /// naming a visitor who is not on the roster; an unavailability dated on another day than a Monday; and a
    /// visitor who cannot avoid going to the same locality twice in a row, because it is the only one in force on
    /// two consecutive visits of theirs (or on their first visit, after their last visit before the plan).
    /// Not refused: a week in which nobody is available (it has no visits), and a cycle with too few visits (it
    /// reports what it missed).
    /// </para>
    /// <para>Cost: about weeks × visitors × localities steps; a year for 84 localities and 30 visitors takes about a millisecond (see tests/Outreach.Benchmarks).</para>
    /// </remarks>
    /// <param name="request">The roster, catalogue, availability and history to plan from.</param>
    /// <returns>The rota, with its cycles and the weeks without visits.</returns>
    /// <exception cref="RotationInfeasibleException">The request cannot be planned; the message says which rule fails and what to change.</exception>
    public static RotationPlan Plan(RotationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.LocalitiesInForce);
        return new Planning(request).Run();
    }

    /// <summary>The state of one call to <see cref="Plan"/>: the interned inputs and the rotation built cycle by cycle.</summary>
    private sealed class Planning
    {
        private const int None = -1;

        private readonly RotationRequest request;
        private readonly string[] visitors;
        private readonly int weekCount;
        private readonly int visitorCount;
        private readonly DateOnly[] mondays;
        private readonly List<string> codes = [];
        private readonly List<int> lastListedIn = []; // locality -> last week read from the catalogue, to spot duplicates
        private readonly int[][] localitiesOfWeek;
        private readonly bool[] inForce; // week * localityCount + locality
        private readonly int[][] visitorsOfWeek;
        private readonly int[][] avoidAtVisit; // visitor -> visit index -> locality barred by a later forced visit, or None
        private readonly int localityCount;

        // Rotation state, carried from one cycle to the next.
        private readonly int[] previous;         // visitor -> locality of their last visit, or None
        private readonly long[] lastVisit;       // locality -> time of its last visit (-1 never, 0 before the plan)
        private readonly long[] visitorLast;     // visitor * localityCount + locality -> time that visitor was last there
        private readonly int[] lastVisitorOf;    // locality -> visitor who went there last, or None
        private readonly int[] visitsMade;       // visitor -> visits planned so far
        private long time = 1;

        // Per-cycle scratch, reused.
        private int slotCount;
        private readonly int[] slotVisitor;
        private readonly int[] slotWeek;
        private readonly int[] slotVisit;
        private readonly bool[] slotFirst;
        private readonly int[] slotNext;
        private readonly int[] planned;          // slot -> locality it was matched to cover, or None
        private readonly bool[] tried;
        private readonly int[] cycleVisits;      // locality -> visits in the current cycle (planned coverage included)
        private readonly bool[] covered;
        private readonly int[] weeksInForce;

        public Planning(RotationRequest request)
        {
            this.request = request;
            weekCount = request.Weeks;
            if (weekCount is < 1 or > RotationRequest.MaxWeeks)
            {
                throw new RotationInfeasibleException(RotationRule.WeeksOutOfRange, "rotation.weeks-out-of-range", weekCount, RotationRequest.MaxWeeks);
            }

            if (request.FirstWeek.DayOfWeek != DayOfWeek.Monday)
            {
                var monday = request.FirstWeek.AddDays(-(((int)request.FirstWeek.DayOfWeek + 6) % 7));
                throw new RotationInfeasibleException(RotationRule.FirstWeekNotMonday, "rotation.first-week-not-monday", request.FirstWeek, request.FirstWeek.DayOfWeek, monday);
            }

            visitors = ValidateVisitors(request.Visitors);
            visitorCount = visitors.Length;
            mondays = new DateOnly[weekCount];
            for (var w = 0; w < weekCount; w++)
            {
                mondays[w] = request.FirstWeek.AddDays(7 * w);
            }

            var visitorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var v = 0; v < visitorCount; v++)
            {
                visitorIndex[visitors[v]] = v;
            }

            ValidateUnavailable(visitorIndex);
            ValidateLastVisited(visitorIndex);

            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            localitiesOfWeek = new int[weekCount][];
            for (var w = 0; w < weekCount; w++)
            {
                localitiesOfWeek[w] = ReadCatalogue(w, index);
            }

            localityCount = codes.Count;
            inForce = new bool[weekCount * localityCount];
            for (var w = 0; w < weekCount; w++)
            {
                foreach (var l in localitiesOfWeek[w])
                {
                    inForce[(w * localityCount) + l] = true;
                }
            }

            visitorsOfWeek = new int[weekCount][];
            var weeksOfVisitor = new List<int>[visitorCount];
            for (var v = 0; v < visitorCount; v++)
            {
                weeksOfVisitor[v] = [];
            }

            var available = new List<int>(visitorCount);
            for (var w = 0; w < weekCount; w++)
            {
                available.Clear();
                for (var v = 0; v < visitorCount; v++)
                {
                    if (request.Unavailable is not { Count: > 0 } off || !off.Contains((visitors[v], mondays[w])))
                    {
                        available.Add(v);
                        weeksOfVisitor[v].Add(w);
                    }
                }

                visitorsOfWeek[w] = [.. available];
            }

            previous = new int[visitorCount];
            lastVisit = new long[localityCount];
            visitorLast = new long[visitorCount * localityCount];
            lastVisitorOf = new int[localityCount];
            visitsMade = new int[visitorCount];
            Array.Fill(previous, None);
            Array.Fill(lastVisit, -1L);
            Array.Fill(visitorLast, -1L);
            Array.Fill(lastVisitorOf, None);
            if (request.LastVisited is { } last)
            {
                for (var v = 0; v < visitorCount; v++)
                {
                    if (last.TryGetValue(visitors[v], out var code) && index.TryGetValue(code, out var l))
                    {
                        previous[v] = l;
                        lastVisit[l] = 0;
                        visitorLast[(v * localityCount) + l] = 0;
                    }
                }
            }

            avoidAtVisit = new int[visitorCount][];
            for (var v = 0; v < visitorCount; v++)
            {
                avoidAtVisit[v] = ForcedAvoidances(v, weeksOfVisitor[v]);
            }

            CycleWeeks = 1;
            foreach (var week in localitiesOfWeek)
            {
                CycleWeeks = Math.Max(CycleWeeks, (week.Length + visitorCount - 1) / visitorCount);
            }

            var maxSlots = CycleWeeks * visitorCount;
            slotVisitor = new int[maxSlots];
            slotWeek = new int[maxSlots];
            slotVisit = new int[maxSlots];
            slotFirst = new bool[maxSlots];
            slotNext = new int[maxSlots];
            planned = new int[maxSlots];
            tried = new bool[maxSlots];
            cycleVisits = new int[localityCount];
            covered = new bool[localityCount];
            weeksInForce = new int[localityCount];
        }

        private int CycleWeeks { get; }

        public RotationPlan Run()
        {
            var assignments = new List<RotaAssignment>(weekCount * visitorCount);
            var cycles = new List<RotationCycle>((weekCount + CycleWeeks - 1) / CycleWeeks);
            for (var start = 0; start < weekCount; start += CycleWeeks)
            {
                cycles.Add(PlanCycle(start, Math.Min(start + CycleWeeks, weekCount), assignments));
            }

            var empty = new List<DateOnly>();
            for (var w = 0; w < weekCount; w++)
            {
                if (visitorsOfWeek[w].Length == 0)
                {
                    empty.Add(mondays[w]);
                }
            }

            return new RotationPlan(assignments, CycleWeeks, cycles, empty);
        }

        private RotationCycle PlanCycle(int start, int end, List<RotaAssignment> assignments)
        {
            var firstSlotOfWeek = new int[end - start + 1];
            var lastSlotOfVisitor = new int[visitorCount];
            Array.Fill(lastSlotOfVisitor, None);
            slotCount = 0;
            for (var w = start; w < end; w++)
            {
                firstSlotOfWeek[w - start] = slotCount;
                foreach (var v in visitorsOfWeek[w])
                {
                    var s = slotCount++;
                    slotVisitor[s] = v;
                    slotWeek[s] = w;
                    slotVisit[s] = lastSlotOfVisitor[v] == None ? visitsMade[v] : slotVisit[lastSlotOfVisitor[v]] + 1;
                    slotFirst[s] = lastSlotOfVisitor[v] == None;
                    slotNext[s] = None;
                    planned[s] = None;
                    if (lastSlotOfVisitor[v] != None)
                    {
                        slotNext[lastSlotOfVisitor[v]] = s;
                    }

                    lastSlotOfVisitor[v] = s;
                }
            }

            firstSlotOfWeek[end - start] = slotCount;

            // The localities owed a visit: in force in every week of the cycle, in catalogue order of its first week.
            for (var w = start; w < end; w++)
            {
                foreach (var l in localitiesOfWeek[w])
                {
                    weeksInForce[l]++;
                }
            }

            var owed = new List<int>();
            foreach (var l in localitiesOfWeek[start])
            {
                if (weeksInForce[l] == end - start)
                {
                    owed.Add(l);
                }
            }

            for (var w = start; w < end; w++)
            {
                foreach (var l in localitiesOfWeek[w])
                {
                    weeksInForce[l] = 0;
                }
            }

            // Cover the owed localities longest-waiting first, each with its own visit: a bipartite matching of
            // localities to visits, grown by augmenting paths so that it is maximum whatever the earlier choices.
            var byWait = owed.ToArray();
            Array.Sort(byWait, (x, y) => lastVisit[x] != lastVisit[y] ? lastVisit[x].CompareTo(lastVisit[y]) : x.CompareTo(y));
            var free = slotCount;
            var freeInWeek = new int[end - start];
            for (var w = start; w < end; w++)
            {
                freeInWeek[w - start] = firstSlotOfWeek[w - start + 1] - firstSlotOfWeek[w - start];
            }

            var deadEndsKnown = false;
            foreach (var l in byWait)
            {
                if (free == 0)
                {
                    break;
                }

                if (MatchToEarliestFreeVisit(l, start, end, firstSlotOfWeek, freeInWeek))
                {
                    free--;
                    deadEndsKnown = false;
                    continue;
                }

                // Visits a failed search went through lead to no free visit while the matching is unchanged: keep
                // them marked for the next search.
                if (!deadEndsKnown)
                {
                    Array.Clear(tried, 0, slotCount);
                }

                if (Augment(l, start, freeInWeek))
                {
                    free--;
                    deadEndsKnown = false;
                }
                else
                {
                    deadEndsKnown = true;
                }
            }

            for (var s = 0; s < slotCount; s++)
            {
                if (planned[s] != None)
                {
                    cycleVisits[planned[s]]++;
                }
            }

            for (var s = 0; s < slotCount; s++)
            {
                var locality = Choose(s);
                var v = slotVisitor[s];
                previous[v] = locality;
                lastVisit[locality] = time;
                visitorLast[(v * localityCount) + locality] = time;
                lastVisitorOf[locality] = v;
                visitsMade[v]++;
                covered[locality] = true;
                time++;
                assignments.Add(new RotaAssignment(mondays[slotWeek[s]], visitors[v], codes[locality]));
            }

            var missed = new List<string>();
            foreach (var l in owed)
            {
                if (!covered[l])
                {
                    missed.Add(codes[l]);
                }
            }

            for (var w = start; w < end; w++)
            {
                foreach (var l in localitiesOfWeek[w])
                {
                    covered[l] = false;
                    cycleVisits[l] = 0;
                }
            }

            return new RotationCycle(mondays[start], end - start, slotCount, [.. owed.Select(l => codes[l])], missed);
        }

        /// <summary>Whether the visit in slot <paramref name="s"/> may be planned to cover locality <paramref name="l"/>, in force throughout the cycle.</summary>
        private bool MayCover(int s, int l)
        {
            var v = slotVisitor[s];
            return l != avoidAtVisit[v][slotVisit[s]] && !(slotFirst[s] && l == previous[v]);
        }

        /// <summary>
        /// The common case: give <paramref name="l"/> a free visit in the earliest week that has one, to the visitor
        /// who has not been there for longest (ties: the next one on the roster after its last visitor, so that
        /// visitors take turns).
        /// </summary>
        private bool MatchToEarliestFreeVisit(int l, int start, int end, int[] firstSlotOfWeek, int[] freeInWeek)
        {
            var after = lastVisitorOf[l] == None ? visitorCount - 1 : lastVisitorOf[l];
            for (var w = start; w < end; w++)
            {
                if (freeInWeek[w - start] == 0)
                {
                    continue;
                }

                var best = None;
                var bestLast = long.MaxValue;
                var bestTurn = int.MaxValue;
                for (var s = firstSlotOfWeek[w - start]; s < firstSlotOfWeek[w - start + 1]; s++)
                {
                    if (planned[s] != None || !MayCover(s, l))
                    {
                        continue;
                    }

                    var v = slotVisitor[s];
                    var last = visitorLast[(v * localityCount) + l];
                    var turn = v > after ? v - after - 1 : v - after - 1 + visitorCount;
                    if (last < bestLast || (last == bestLast && turn < bestTurn))
                    {
                        (best, bestLast, bestTurn) = (s, last, turn);
                    }
                }

                if (best != None)
                {
                    planned[best] = l;
                    freeInWeek[w - start]--;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Kuhn's augmenting path: find a visit for <paramref name="l"/>, moving already planned localities to other visits if needed.</summary>
        private bool Augment(int l, int start, int[] freeInWeek)
        {
            for (var s = 0; s < slotCount; s++)
            {
                if (!tried[s] && MayCover(s, l))
                {
                    tried[s] = true;
                    if (planned[s] == None)
                    {
                        freeInWeek[slotWeek[s] - start]--;
                        planned[s] = l;
                        return true;
                    }

                    if (Augment(planned[s], start, freeInWeek))
                    {
                        planned[s] = l;
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The locality of the visit in slot <paramref name="s"/>, filled in time order.</summary>
        private int Choose(int s)
        {
            var v = slotVisitor[s];
            var prev = previous[v];
            var cover = planned[s];
            if (cover != None && cover != prev)
            {
                return cover;
            }

            if (cover != None)
            {
                // The visitor already covered it earlier in this cycle (see below): this visit is free.
                cycleVisits[cover]--;
                planned[s] = None;
            }

            // A spare visit goes where the cycle has been least. So when a locality gets its (k+1)th visit, every
            // locality in force that week but at most two (the visitor's previous one and a forced one) already has
            // k: exceeding ceil(V / n) + 1 visits takes 2V >= n(n - 1), which is the bound promised in Plan's docs.
            var w = slotWeek[s];
            var avoid = avoidAtVisit[v][slotVisit[s]];
            var next = slotNext[s];
            var nextCover = next == None ? None : planned[next];
            var best = None;
            foreach (var l in localitiesOfWeek[w])
            {
                if (l != prev && l != avoid && (best == None || IsBetterExtra(v, l, best, nextCover)))
                {
                    best = l;
                }
            }

            if (best == nextCover && best != None)
            {
                // The visitor's next visit was to cover this locality: cover it now and make that visit free, so
                // the visitor does not go there twice in a row and the cycle's count of visits there is unchanged.
                planned[next] = None;
                cycleVisits[best]--;
            }

            cycleVisits[best]++;
            return best;
        }

        private bool IsBetterExtra(int v, int candidate, int incumbent, int nextCover)
        {
            if (cycleVisits[candidate] != cycleVisits[incumbent])
            {
                return cycleVisits[candidate] < cycleVisits[incumbent];
            }

            if ((candidate == nextCover) != (incumbent == nextCover))
            {
                return incumbent == nextCover;
            }

            var a = visitorLast[(v * localityCount) + candidate];
            var b = visitorLast[(v * localityCount) + incumbent];
            if (a != b)
            {
                return a < b;
            }

            return lastVisit[candidate] != lastVisit[incumbent] ? lastVisit[candidate] < lastVisit[incumbent] : candidate < incumbent;
        }

        /// <summary>
        /// Walks a visitor's visits backwards to find, for each visit, the locality it must avoid because the visits
        /// after it have a single choice left (a week with one locality in force, or a chain of two-locality weeks
        /// leading to one). Throws when a repeat cannot be avoided.
        /// </summary>
        private int[] ForcedAvoidances(int v, List<int> weeks)
        {
            var avoid = new int[weeks.Count];
            var single = None;
            var singleSince = None;
            for (var j = weeks.Count - 1; j >= 0; j--)
            {
                var w = weeks[j];
                var here = localitiesOfWeek[w];
                avoid[j] = single != None && inForce[(w * localityCount) + single] ? single : None;
                var choices = here.Length - (avoid[j] == None ? 0 : 1);
                if (choices == 0)
                {
                    var nextWeek = weeks[j + 1];
                    throw singleSince == nextWeek
                        ? new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat.only-locality",
                            visitors[v], codes[single], mondays[w], mondays[nextWeek])
                        : new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat.no-other-choice",
                            visitors[v], codes[single], mondays[w], mondays[nextWeek], mondays[singleSince]);
                }

                if (choices == 1)
                {
                    var only = here[0] == avoid[j] ? here[1] : here[0];
                    if (here.Length == 1)
                    {
                        singleSince = w;
                    }

                    single = only;
                }
                else
                {
                    single = None;
                }
            }

            if (weeks.Count > 0 && single != None && single == previous[v])
            {
                var first = weeks[0];
                throw singleSince == first
                    ? new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat-last.only-locality",
                        visitors[v], codes[single], request.FirstWeek, mondays[first])
                    : new RotationInfeasibleException(RotationRule.RepeatUnavoidable, "rotation.repeat-last.no-other-choice",
                        visitors[v], codes[single], request.FirstWeek, mondays[first], mondays[singleSince]);
            }

            return avoid;
        }

        private static string[] ValidateVisitors(IReadOnlyList<string> roster)
        {
            ArgumentNullException.ThrowIfNull(roster);
            if (roster.Count == 0)
            {
                throw new RotationInfeasibleException(RotationRule.NoVisitors, "rotation.no-visitors");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new string[roster.Count];
            for (var i = 0; i < roster.Count; i++)
            {
                var id = roster[i];
                if (string.IsNullOrWhiteSpace(id))
                {
                    throw new RotationInfeasibleException(RotationRule.InvalidVisitor, "rotation.visitor-blank", i + 1);
                }

                if (!seen.Add(id))
                {
                    throw new RotationInfeasibleException(RotationRule.InvalidVisitor, "rotation.visitor-twice", id);
                }

                result[i] = id;
            }

            return result;
        }

        private void ValidateUnavailable(Dictionary<string, int> visitorIndex)
        {
            if (request.Unavailable is null)
            {
                return;
            }

            // The set's order is not part of the input: report the smallest offending entry.
            (string Visitor, DateOnly Week)? unknown = null;
            (string Visitor, DateOnly Week)? notMonday = null;
            foreach (var entry in request.Unavailable)
            {
                if (entry.Visitor is null || !visitorIndex.ContainsKey(entry.Visitor))
                {
                    unknown = Smaller(unknown, entry);
                }
                else if (entry.Week.DayOfWeek != DayOfWeek.Monday)
                {
                    notMonday = Smaller(notMonday, entry);
                }
            }

            if (unknown is { } u)
            {
                throw new RotationInfeasibleException(RotationRule.UnknownVisitorOrWeek, "rotation.unavailable.unknown-visitor", u.Visitor, u.Week);
            }

            if (notMonday is { } m)
            {
                throw new RotationInfeasibleException(RotationRule.UnknownVisitorOrWeek, "rotation.unavailable.not-monday",
                    m.Visitor, m.Week, m.Week.DayOfWeek, m.Week.AddDays(-(((int)m.Week.DayOfWeek + 6) % 7)));
            }
        }

        private static (string Visitor, DateOnly Week) Smaller((string Visitor, DateOnly Week)? current, (string Visitor, DateOnly Week) candidate)
        {
            if (current is not { } c)
            {
                return candidate;
            }

            var byVisitor = string.CompareOrdinal(candidate.Visitor, c.Visitor);
            return byVisitor < 0 || (byVisitor == 0 && candidate.Week < c.Week) ? candidate : c;
        }

        private void ValidateLastVisited(Dictionary<string, int> visitorIndex)
        {
            if (request.LastVisited is null)
            {
                return;
            }

            string? unknown = null;
            string? blank = null;
            foreach (var (visitor, locality) in request.LastVisited)
            {
                if (!visitorIndex.ContainsKey(visitor))
                {
                    unknown = unknown is null || string.CompareOrdinal(visitor, unknown) < 0 ? visitor : unknown;
                }
                else if (string.IsNullOrWhiteSpace(locality))
                {
                    blank = blank is null || string.CompareOrdinal(visitor, blank) < 0 ? visitor : blank;
                }
            }

            if (unknown is not null)
            {
                throw new RotationInfeasibleException(RotationRule.UnknownVisitorOrWeek, "rotation.last-visit.unknown-visitor", unknown);
            }

            if (blank is not null)
            {
                throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.last-visit.blank-locality", blank);
            }
        }

        /// <summary>Whether a week lists the very same code strings as the week before (the usual case), so its reading can be reused.</summary>
        private bool SameCodes(IReadOnlyList<string> week, int[] before)
        {
            if (week.Count != before.Length)
            {
                return false;
            }

            for (var i = 0; i < before.Length; i++)
            {
                if (!ReferenceEquals(week[i], codes[before[i]]))
                {
                    return false;
                }
            }

            return true;
        }

        private int[] ReadCatalogue(int w, Dictionary<string, int> index)
        {
            var week = request.LocalitiesInForce(mondays[w]);
            if (week is null || week.Count == 0)
            {
                throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.no-locality", mondays[w]);
            }

            if (w > 0 && SameCodes(week, localitiesOfWeek[w - 1]))
            {
                return localitiesOfWeek[w - 1];
            }

            var result = new int[week.Count];
            for (var i = 0; i < week.Count; i++)
            {
                var code = week[i];
                if (string.IsNullOrWhiteSpace(code))
                {
                    throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.locality-blank", i + 1, mondays[w]);
                }

                if (!index.TryGetValue(code, out var l))
                {
                    l = codes.Count;
                    codes.Add(code);
                    lastListedIn.Add(None);
                    index[code] = l;
                }

                if (lastListedIn[l] == w)
                {
                    throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.locality-twice", code, mondays[w]);
                }

                lastListedIn[l] = w;
                result[i] = l;
            }

            return result;
        }
    }
}
