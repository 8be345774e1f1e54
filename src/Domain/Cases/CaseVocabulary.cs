namespace Outreach.Cases;

/// <summary>What a submission is in law. A petition starts <see cref="Unclassified"/> and is classified once; a change later is a reclassification.</summary>
public enum CaseKind
{
    /// <summary>Received, not yet classified.</summary>
    Unclassified,
    /// <summary>A suggestion or report (kiến nghị, phản ánh; Law on Citizen Reception 42/2013).</summary>
    Suggestion,
    /// <summary>A complaint (khiếu nại; Law 02/2011/QH13): asks to review an administrative decision or act.</summary>
    Complaint,
    /// <summary>A denunciation (tố cáo; Law 25/2018/QH14): reports a violation by anyone.</summary>
    Denunciation,
}

/// <summary>How a petition reached the authorities.</summary>
public enum ReceptionChannel
{
    /// <summary>Heard by a cadre on a field visit (xuống phố, về làng).</summary>
    FieldVisit,
    /// <summary>At a formal citizen reception session (tiếp công dân).</summary>
    CitizenReception,
    /// <summary>By letter or hand-delivered document.</summary>
    Letter,
    /// <summary>Through an online portal or e-mail.</summary>
    Online,
}

/// <summary>Where a case stands. Statuses from <see cref="SecondDecisionIssued"/> on are final (a decided case may still be delivered or taken to court).</summary>
public enum CaseStatus
{
    /// <summary>Received; the competent body must classify it.</summary>
    AwaitingClassification,
    /// <summary>A suggestion or report awaiting an answer.</summary>
    SuggestionOpen,
    /// <summary>A complaint awaiting the acceptance decision (first round).</summary>
    AwaitingAcceptance,
    /// <summary>An accepted complaint being settled (first round).</summary>
    UnderSettlement,
    /// <summary>Settlement suspended (tạm đình chỉ); the clock is stopped.</summary>
    Suspended,
    /// <summary>The first decision is issued; the second-complaint window is open.</summary>
    FirstDecisionIssued,
    /// <summary>A second complaint awaits the acceptance decision.</summary>
    AwaitingSecondAcceptance,
    /// <summary>A second complaint is being settled.</summary>
    UnderSecondSettlement,
    /// <summary>A denunciation is being checked on receipt.</summary>
    DenunciationUnderCheck,
    /// <summary>A denunciation is accepted and being settled.</summary>
    DenunciationUnderSettlement,
    /// <summary>The second decision is issued.</summary>
    SecondDecisionIssued,
    /// <summary>A denunciation's settlement is concluded.</summary>
    DenunciationConcluded,
    /// <summary>A suggestion or report was answered.</summary>
    Answered,
    /// <summary>The item could not be processed (Circular 05/2021/TT-TTCP Art. 6).</summary>
    NotProcessable,
    /// <summary>Transferred to the competent body.</summary>
    Transferred,
    /// <summary>The citizen was guided to the competent body.</summary>
    Guided,
    /// <summary>The complaint was not accepted.</summary>
    Refused,
    /// <summary>The denunciation was not accepted.</summary>
    DenunciationNotAccepted,
    /// <summary>The complaint was withdrawn in full; a termination decision is due.</summary>
    Withdrawn,
    /// <summary>Settlement terminated (đình chỉ).</summary>
    Terminated,
    /// <summary>The complainant went to court.</summary>
    InCourt,
}

/// <summary>A party that receives a written notice or decision.</summary>
public enum NoticeParty
{
    /// <summary>The person who complained.</summary>
    Complainant,
    /// <summary>The person or body whose decision or act is complained about.</summary>
    Respondent,
    /// <summary>Persons or organisations with related rights and obligations.</summary>
    RelatedParty,
    /// <summary>The inspectorate at the same level.</summary>
    Inspectorate,
    /// <summary>The person who denounced.</summary>
    Denouncer,
    /// <summary>The person denounced.</summary>
    Denounced,
}

/// <summary>What a written notice to the parties of a denunciation is about.</summary>
public enum DenunciationNoticeSubject
{
    /// <summary>The acceptance (Law 25/2018/QH14 Art. 29 cl. 3).</summary>
    Acceptance,
    /// <summary>The latest extension of the settlement (Art. 30 cl. 4).</summary>
    Extension,
    /// <summary>The conclusion: sent to the denounced, notified to the denouncer (Art. 35 cl. 3).</summary>
    Conclusion,
}

/// <summary>Why a written item cannot be processed (Circular 05/2021/TT-TTCP Art. 6).</summary>
public enum NotProcessableReason
{
    /// <summary>Sent at the same time to several bodies, including the competent one.</summary>
    SentToSeveralBodies,
    /// <summary>The citizen was already guided on the same matter.</summary>
    AlreadyGuided,
    /// <summary>Anti-State, divisive or insulting content.</summary>
    UnlawfulContent,
    /// <summary>Illegible, or without a name or address.</summary>
    Illegible,
}

/// <summary>Ground for suspending a complaint's settlement (from 1 Jul 2026).</summary>
public enum SuspensionGround
{
    /// <summary>Force majeure.</summary>
    ForceMajeure,
    /// <summary>Waiting for another body's result.</summary>
    AwaitingOtherBody,
}

/// <summary>What a decision or conclusion found about the complaint or denunciation.</summary>
public enum Finding
{
    /// <summary>Entirely right (founded).</summary>
    Founded,
    /// <summary>Partly right.</summary>
    PartlyFounded,
    /// <summary>Wrong (unfounded).</summary>
    Unfounded,
}

/// <summary>Ground for terminating a complaint's settlement (đình chỉ).</summary>
public enum TerminationGround
{
    /// <summary>The complaint was withdrawn in full.</summary>
    FullWithdrawal,
    /// <summary>The complainant died and no one inherits the rights.</summary>
    ComplainantDiedWithoutSuccessor,
    /// <summary>The complaining organisation was dissolved.</summary>
    OrganisationDissolved,
}

/// <summary>The legal ground of a refusal to accept a complaint (Law on Complaints 02/2011/QH13, Art. 11).</summary>
public enum ComplaintRefusalGround
{
    /// <summary>Another ground of Art. 11, stated in the reason.</summary>
    Other,
    /// <summary>Filed after the window (Art. 9 for a first complaint, Art. 33 for a second) without a valid obstacle.</summary>
    OutOfTime,
}

/// <summary>Why a second complaint was filed.</summary>
public enum SecondComplaintGround
{
    /// <summary>The complainant disagrees with the first decision.</summary>
    DisagreesWithFirstDecision,
    /// <summary>The first settlement deadline lapsed without a decision.</summary>
    FirstDeadlineLapsed,
}

/// <summary>How complex a denunciation is, which sets how many extensions are allowed.</summary>
public enum DenunciationComplexity
{
    /// <summary>Complex: one extension.</summary>
    Complex,
    /// <summary>Especially complex: up to two extensions.</summary>
    EspeciallyComplex,
}

/// <summary>A period during which a complaint's settlement was suspended; <see cref="To"/> is null while it lasts.</summary>
/// <param name="From">The first day not counted.</param>
/// <param name="To">The day settlement resumed (counted again), or null.</param>
/// <param name="Ground">Why it was suspended.</param>
public sealed record SuspensionPeriod(DateOnly From, DateOnly? To, SuspensionGround Ground);
