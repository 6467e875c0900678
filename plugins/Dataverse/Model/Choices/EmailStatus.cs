namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>email.statuscode</c> creditOS uses: a dunning letter is drafted, never sent by creditOS.</summary>
[ChoiceColumn("email", "statuscode")]
public enum EmailStatus
{
    Draft = 1,
}
