namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>cos_receivable.cos_nextaction</c> (the engine's <c>CollectionAction</c>, in the same order).</summary>
[ChoiceColumn("cos_receivable", "cos_nextaction")]
public enum ReceivableNextAction
{
    Monitor = 412500000,
    PreDueReminder = 412500001,
    Call = 412500002,
    ResolveDispute = 412500003,
    CheckPromise = 412500004,
    ErpResyncFirst = 412500005,
}
