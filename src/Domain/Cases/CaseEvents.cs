namespace Outreach.Cases;

/// <summary>The case stream's event contracts (see <see cref="OutreachEvents"/> for names and conventions).</summary>
public static class CaseEvents
{
    /// <summary>Every event type of the case stream, in lifecycle order.</summary>
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(PetitionReceived), typeof(PetitionClassified), typeof(PetitionReclassified), typeof(PetitionFoundNotProcessable),
        typeof(PetitionTransferred), typeof(CitizenGuided), typeof(PetitionAnswered),
        typeof(ComplaintAccepted), typeof(ComplaintRefused), typeof(VerifierAssigned), typeof(ComplaintVerified), typeof(DialogueHeld),
        typeof(ComplaintFlagsChanged), typeof(ComplaintSuspended), typeof(ComplaintResumed), typeof(FirstDecisionIssued),
        typeof(DecisionDelivered), typeof(SecondComplaintFiled), typeof(SecondDecisionIssued), typeof(ComplaintWithdrawn),
        typeof(ComplaintTerminated), typeof(LawsuitFiled),
        typeof(DenunciationCheckWidened), typeof(DenunciationAccepted), typeof(DenunciationNotAccepted), typeof(DenunciationPartiesNotified),
        typeof(DenunciationSettlementExtended), typeof(DenunciationVerifierAssigned), typeof(DenunciationVerified), typeof(DenunciationConcluded), typeof(LateSettlementReportDemanded),
        typeof(LateSettlementReportSubmitted), typeof(CitizenDataErased), typeof(DenouncerIdentityRevealed),
    ];
}
