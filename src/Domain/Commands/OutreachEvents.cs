using System.Collections.Frozen;
using System.Reflection;

namespace Outreach;

/// <summary>
/// Every event contract of Outreach, their stable stored names, and the convention every event follows: the stream id
/// first, exactly one actor property ending in "By" and one business-time property ending in "At", last.
/// </summary>
public static class OutreachEvents
{
    /// <summary>Every event type, grouped by stream.</summary>
    public static readonly IReadOnlyList<Type> All = [.. Cases.CaseEvents.All, .. Units.UnitEvents.All, .. Visits.VisitEvents.All, .. Difficulties.DifficultyEvents.All, .. Rotation.RotaEvents.All];

    private static readonly FrozenDictionary<Type, (PropertyInfo Actor, PropertyInfo At)> Accessors =
        All.ToFrozenDictionary(t => t, t => (
            t.GetProperties().Single(p => p.PropertyType == typeof(string) && p.Name.EndsWith("By", StringComparison.Ordinal)),
            t.GetProperties().Single(p => p.PropertyType == typeof(DateTimeOffset) && p.Name.EndsWith("At", StringComparison.Ordinal))));

    /// <summary>
    /// The name stored in <c>mt_events.type</c> for each event type, written out literally (ADR 7): snake case plus a
    /// contract version, e.g. <c>complaint_accepted_v1</c>. Renaming a class never changes what is stored; a breaking
    /// change to an event's shape gets a new type or a new version here, and an upcaster for the old name
    /// (<see cref="OutreachRegistration"/>). <c>EventContractTests</c> compares this table and every event's JSON shape with
    /// a committed snapshot.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, string> StoredNames = new Dictionary<Type, string>
    {
        [typeof(Cases.PetitionReceived)] = "petition_received_v2",
        [typeof(Cases.PetitionClassified)] = "petition_classified_v1",
        [typeof(Cases.PetitionReclassified)] = "petition_reclassified_v1",
        [typeof(Cases.PetitionFoundNotProcessable)] = "petition_found_not_processable_v1",
        [typeof(Cases.PetitionTransferred)] = "petition_transferred_v1",
        [typeof(Cases.CitizenGuided)] = "citizen_guided_v1",
        [typeof(Cases.PetitionAnswered)] = "petition_answered_v1",
        [typeof(Cases.ComplaintAccepted)] = "complaint_accepted_v1",
        [typeof(Cases.ComplaintRefused)] = "complaint_refused_v1",
        [typeof(Cases.VerifierAssigned)] = "verifier_assigned_v1",
        [typeof(Cases.ComplaintVerified)] = "complaint_verified_v1",
        [typeof(Cases.DialogueHeld)] = "dialogue_held_v1",
        [typeof(Cases.ComplaintFlagsChanged)] = "complaint_flags_changed_v1",
        [typeof(Cases.ComplaintSuspended)] = "complaint_suspended_v1",
        [typeof(Cases.ComplaintResumed)] = "complaint_resumed_v1",
        [typeof(Cases.FirstDecisionIssued)] = "first_decision_issued_v1",
        [typeof(Cases.DecisionDelivered)] = "decision_delivered_v1",
        [typeof(Cases.SecondComplaintFiled)] = "second_complaint_filed_v1",
        [typeof(Cases.SecondDecisionIssued)] = "second_decision_issued_v1",
        [typeof(Cases.ComplaintWithdrawn)] = "complaint_withdrawn_v1",
        [typeof(Cases.ComplaintTerminated)] = "complaint_terminated_v1",
        [typeof(Cases.LawsuitFiled)] = "lawsuit_filed_v1",
        [typeof(Cases.DenunciationCheckWidened)] = "denunciation_check_widened_v1",
        [typeof(Cases.DenunciationAccepted)] = "denunciation_accepted_v1",
        [typeof(Cases.DenunciationNotAccepted)] = "denunciation_not_accepted_v1",
        [typeof(Cases.DenunciationPartiesNotified)] = "denunciation_parties_notified_v1",
        [typeof(Cases.DenunciationSettlementExtended)] = "denunciation_settlement_extended_v1",
        [typeof(Cases.DenunciationVerifierAssigned)] = "denunciation_verifier_assigned_v1",
        [typeof(Cases.DenunciationVerified)] = "denunciation_verified_v1",
        [typeof(Cases.DenunciationConcluded)] = "denunciation_concluded_v1",
        [typeof(Cases.LateSettlementReportDemanded)] = "late_settlement_report_demanded_v1",
        [typeof(Cases.LateSettlementReportSubmitted)] = "late_settlement_report_submitted_v1",
        [typeof(Cases.DenouncerIdentityRevealed)] = "denouncer_identity_revealed_v1",
        [typeof(Cases.CitizenDataErased)] = "citizen_data_erased_v1",
        [typeof(Units.UnitRegistered)] = "unit_registered_v1",
        [typeof(Units.CadreAssigned)] = "cadre_assigned_v1",
        [typeof(Units.CadreReleased)] = "cadre_released_v1",
        [typeof(Units.UnitHeadAppointed)] = "unit_head_appointed_v1",
        [typeof(Units.VisitingGroupFormed)] = "visiting_group_formed_v1",
        [typeof(Visits.VisitPlanned)] = "visit_planned_v1",
        [typeof(Visits.VisitArranged)] = "visit_arranged_v1",
        [typeof(Visits.MeetingAttended)] = "meeting_attended_v1",
        [typeof(Visits.GuidanceGiven)] = "guidance_given_v1",
        [typeof(Visits.CommunityWorkJoined)] = "community_work_joined_v1",
        [typeof(Visits.OutreachDelivered)] = "outreach_delivered_v1",
        [typeof(Visits.ResidentHeard)] = "resident_heard_v1",
        [typeof(Visits.VisitReported)] = "visit_reported_v1",
        [typeof(Visits.VisitCancelled)] = "visit_cancelled_v1",
        [typeof(Visits.VisitMissed)] = "visit_missed_v1",
        [typeof(Difficulties.DifficultyRaised)] = "difficulty_raised_v1",
        [typeof(Difficulties.DifficultyResolvedOnSite)] = "difficulty_resolved_on_site_v1",
        [typeof(Difficulties.DifficultyEscalated)] = "difficulty_escalated_v1",
        [typeof(Difficulties.EscalationAnswered)] = "escalation_answered_v1",
        [typeof(Difficulties.DifficultyAssigned)] = "difficulty_assigned_v1",
        [typeof(Difficulties.MoreInformationRequested)] = "more_information_requested_v1",
        [typeof(Difficulties.SolutionDelivered)] = "solution_delivered_v1",
        [typeof(Rotation.RotaRecorded)] = "rota_recorded_v2",
        [typeof(Rotation.RotaVisitsSwapped)] = "rota_visits_swapped_v1",
        [typeof(Rotation.RotaVisitCancelled)] = "rota_visit_cancelled_v1",
        [typeof(Rotation.RotaVisitReassigned)] = "rota_visit_reassigned_v1",
    }.ToFrozenDictionary();

    /// <summary>
    /// Earlier contracts that streams may still hold, by their stored name: never written any more, read as the current
    /// contract through the upcaster <see cref="OutreachRegistration"/> registers for each (docs/events.md, "Earlier contracts").
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> EarlierContracts = new Dictionary<string, Type>
    {
        [Rotation.RotaRecordedV1.StoredName] = typeof(Rotation.RotaRecordedV1),
    }.ToFrozenDictionary();

    /// <summary>The name stored in <c>mt_events.type</c> for <paramref name="eventType"/> (see <see cref="StoredNames"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> is not an Outreach event.</exception>
    public static string StoredName(Type eventType)
        => StoredNames.TryGetValue(eventType, out var name) ? name : throw new ArgumentException($"{eventType.Name} is not an Outreach event.", nameof(eventType));

    /// <summary>Who performed the step an event records, or null for a type that is not an Outreach event.</summary>
    public static string? Actor(object @event)
        => Accessors.TryGetValue(@event.GetType(), out var a) ? (string?)a.Actor.GetValue(@event) : null;

    /// <summary>The business time of the step an event records, or null for a type that is not an Outreach event.</summary>
    public static DateTimeOffset? OccurredAt(object @event)
        => Accessors.TryGetValue(@event.GetType(), out var a) ? (DateTimeOffset?)a.At.GetValue(@event) : null;
}
