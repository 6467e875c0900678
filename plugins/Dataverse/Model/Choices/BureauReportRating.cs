namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_bureaureport.cos_rating</c>.</summary>
[ChoiceColumn("cos_bureaureport", "cos_rating")]
public enum BureauReportRating
{
    A = 412500000,
    B = 412500001,
    C = 412500002,
    D = 412500003,
    E = 412500004,
}
