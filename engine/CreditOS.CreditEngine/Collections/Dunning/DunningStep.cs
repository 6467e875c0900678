using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Collections.Dunning;

/// <summary>
/// One step of a dunning sequence an admin configures (cos_dunningstep): for accounts of <paramref name="RiskLevel"/>
/// (none: every level), drafted <paramref name="DaysFromDue"/> days from an invoice's due date (negative: a friendly
/// reminder before it), in the order of <paramref name="StepNumber"/>; a step that <paramref name="Escalates"/> also
/// gives the account owner and Finance a task. The subject and body are templates with placeholders
/// (<see cref="DunningTemplate"/>).
/// </summary>
public sealed record DunningStep(
    Guid Id,
    string Name,
    int StepNumber,
    RiskLevel? RiskLevel,
    int DaysFromDue,
    bool Escalates,
    string SubjectTemplate,
    string BodyTemplate);

/// <summary>
/// An account's open invoice as dunning sees it; <paramref name="DunningLevel"/> is the step number last drafted for it (none
/// yet: null); <paramref name="ErpResyncPending"/>: it carries the ERP re-sync flag (its figures may be an older ERP version's).
/// </summary>
public sealed record DunningInvoice(Guid Id, string Number, DateTime DueDate, decimal OpenAmount, bool Disputed, int? DunningLevel, bool ErpResyncPending = false);

/// <summary>The account: its risk level picks the sequence; an open promise to pay pauses it.</summary>
public sealed record DunningAccount(Guid Id, string Name, string Currency, RiskLevel? RiskLevel, DateTime? OpenPromiseDate);

/// <summary>An email to draft: the step, the invoices it reminds of (each then carries the step number), the rendered text.</summary>
public sealed record DunningDraft(DunningStep Step, IReadOnlyList<DunningInvoice> Invoices, string Subject, string Body, string OccurrenceKey, string? Escalation);

/// <summary>The day's dunning of one account: the drafts, or why the sequence is paused; the disputed invoices and those awaiting an ERP re-sync left out.</summary>
public sealed record DunningPlan(IReadOnlyList<DunningDraft> Drafts, string? PausedBecause, IReadOnlyList<DunningInvoice> SkippedAsDisputed, IReadOnlyList<DunningInvoice> SkippedForErpResync);
