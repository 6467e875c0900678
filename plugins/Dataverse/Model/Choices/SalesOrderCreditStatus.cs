namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>salesorder.cos_creditstatus</c>.</summary>
[ChoiceColumn("salesorder", "cos_creditstatus")]
public enum SalesOrderCreditStatus
{
    NotChecked = 412500000,
    Approved = 412500001,
    ApprovedWithinGrace = 412500002,
    OnHold = 412500003,
    Released = 412500004,
    Rejected = 412500005,

    /// <summary>Refused by the credit check (blocked or suspended): kept with its reasons and figures, draws on no credit.</summary>
    Refused = 412500006,

    /// <summary>
    /// The customer is on prepayment (starter or Prepay) terms and that is the only reason: no Finance request; released
    /// by the credit flow when a payment covering the order posts; cannot be fulfilled or invoiced meanwhile.
    /// </summary>
    AwaitingPrepayment = 412500007,
}
