namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_creditapplication.statuscode</c>: Draft → Submitted → In assessment → Approved / Declined / More information needed.</summary>
[ChoiceColumn("cos_creditapplication", "statuscode")]
public enum CreditApplicationStatus
{
    Draft = 1,
    Submitted = 412500000,
    InAssessment = 412500001,
    MoreInformationNeeded = 412500002,

    /// <summary>Inactive.</summary>
    Approved = 2,

    /// <summary>Inactive.</summary>
    Declined = 412500003,
}
