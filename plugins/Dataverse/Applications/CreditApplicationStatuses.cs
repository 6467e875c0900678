using CreditOS.Dataverse.Model;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// The life of a credit application: Draft → Submitted → In assessment → Approved / Declined / More information needed
/// (and from there Submitted again, or In assessment again once the sales rep answers Finance's question on the
/// initial-limit request). Only these moves exist, for everyone; only the credit flow makes any of them
/// (<see cref="CreditApplicationGuard"/>): the sales rep submits through cos_SubmitCreditApplication, the worker's
/// bureau lookup through cos_AssessCreditApplication, Finance's decision through cos_DecideCreditApproval.
/// </summary>
public static class CreditApplicationStatuses
{
    private static readonly Dictionary<CreditApplicationStatus, CreditApplicationStatus[]> Moves = new()
    {
        [CreditApplicationStatus.Draft] = [CreditApplicationStatus.Submitted],
        // Back to In assessment when the sales rep answers Finance's question on the application's initial-limit request.
        [CreditApplicationStatus.MoreInformationNeeded] = [CreditApplicationStatus.Submitted, CreditApplicationStatus.InAssessment],
        [CreditApplicationStatus.Submitted] = [CreditApplicationStatus.InAssessment, CreditApplicationStatus.MoreInformationNeeded],
        [CreditApplicationStatus.InAssessment] = [CreditApplicationStatus.MoreInformationNeeded, CreditApplicationStatus.Approved, CreditApplicationStatus.Declined],
        [CreditApplicationStatus.Approved] = [],
        [CreditApplicationStatus.Declined] = [],
    };

    public static bool MayMove(CreditApplicationStatus from, CreditApplicationStatus to) => Moves.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>
    /// The person entering the application may change what it says only before it is submitted, or when the bureau lookup or
    /// the assessment asked for more (no request with Finance yet), since a change is then submitted again and looked up again.
    /// Controls round 20: once Finance has the application's initial-limit request (<paramref name="withFinance"/>), what it
    /// says is what the bureau looked up and the assessment compared, even while Finance's question waits for the rep: the
    /// assessment never runs twice for an application with a request, so a change then would reach Finance's decision
    /// unlooked-up. The rep answers Finance's question on the request (cos_AnswerCreditApprovalQuestion).
    /// </summary>
    public static bool IsEditable(CreditApplicationStatus status, bool withFinance) =>
        status is CreditApplicationStatus.Draft || (status is CreditApplicationStatus.MoreInformationNeeded && !withFinance);

    /// <summary>Waiting for the worker's bureau lookup (first time or after the bureau was unavailable).</summary>
    public static bool AwaitsBureau(CreditApplicationStatus status) => status is CreditApplicationStatus.Submitted or CreditApplicationStatus.InAssessment;

    public static CreditApplicationState StateOf(CreditApplicationStatus status) =>
        status is CreditApplicationStatus.Approved or CreditApplicationStatus.Declined ? CreditApplicationState.Inactive : CreditApplicationState.Active;

    public static string Label(CreditApplicationStatus status) => status switch
    {
        CreditApplicationStatus.InAssessment => "In assessment",
        CreditApplicationStatus.MoreInformationNeeded => "More information needed",
        _ => status.ToString(),
    };

    public static CreditApplicationStatus Of(int? value) =>
        value is { } known && Enum.IsDefined(typeof(CreditApplicationStatus), known) ? (CreditApplicationStatus)known : CreditApplicationStatus.Draft;
}
